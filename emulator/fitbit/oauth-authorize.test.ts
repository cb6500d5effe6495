import { describe, expect, it } from "vitest";
import { FORM, PUBLIC_CLIENT, SERVER_CLIENT, emulatorPerTest } from "../test-fixtures";
import { authorizeUrl, formInputs, hiddenFields, pkcePair, submitConsent } from "../testing";

const emu = emulatorPerTest();

async function authorizeError(query: string) {
  const res = await fetch(`${emu.current.url}/oauth2/authorize?${query}`, { redirect: "manual" });
  expect(res.status).toBe(400);
  expect(res.headers.get("location")).toBeNull();
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  return res.text();
}

const base = `client_id=23NITE&response_type=code&scope=sleep`;

describe("GET /oauth2/authorize validation (error page, never a redirect)", () => {
  it("rejects a missing or unknown client_id with Fitbit's messages", async () => {
    expect(await authorizeError("response_type=code&scope=sleep")).toContain(
      "invalid_request - Missing parameters: client_id",
    );
    expect(await authorizeError("client_id=NOPE00&response_type=code&scope=sleep")).toContain(
      "unauthorize_client - Invalid client_id",
    );
  });

  it("rejects an unregistered redirect_uri, and a missing one when several are registered", async () => {
    const evil = encodeURIComponent("https://evil.example/cb");
    expect(await authorizeError(`${base}&redirect_uri=${evil}`)).toContain(
      "invalid_request - Invalid redirect_uri parameter value",
    );
    // Exact match: a trailing slash is a different URI.
    const slash = encodeURIComponent(`${SERVER_CLIENT.redirectUris[0]}/`);
    expect(await authorizeError(`${base}&redirect_uri=${slash}`)).toContain("Invalid redirect_uri");
    expect(await authorizeError(`client_id=22PUBL&response_type=code&scope=sleep`)).toContain(
      "invalid_request - Missing redirect_uri parameter value",
    );
  });

  it("validates response_type", async () => {
    expect(await authorizeError("client_id=23NITE&scope=sleep")).toContain(
      "invalid_request - Missing response_type parameter value",
    );
    expect(await authorizeError("client_id=23NITE&response_type=banana&scope=sleep")).toContain(
      "unsupported_response_type - Invalid response_type parameter value",
    );
    expect(await authorizeError("client_id=23NITE&response_type=token&scope=sleep")).toContain(
      "unauthorized_client - The client is not authorized to request an access token using this method",
    );
  });

  it("requires known scopes", async () => {
    expect(await authorizeError("client_id=23NITE&response_type=code")).toContain(
      "invalid_request - Missing parameters: scope",
    );
    expect(await authorizeError(`${base}+foo`)).toContain("invalid_request - Invalid scope: foo");
  });

  it("validates code_challenge and code_challenge_method", async () => {
    expect(await authorizeError(`${base}&code_challenge=short`)).toContain(
      "invalid_request - The code_challenge parameter length must be between 43 and 128",
    );
    expect(await authorizeError(`${base}&code_challenge=${"a".repeat(129)}`)).toContain(
      "length must be between 43 and 128",
    );
    expect(await authorizeError(`${base}&code_challenge=${"a".repeat(42)}%2B`)).toContain(
      "invalid_request - The code_challenge parameter is invalid",
    );
    const ok = pkcePair().challenge;
    expect(
      await authorizeError(`${base}&code_challenge=${ok}&code_challenge_method=S512`),
    ).toContain("invalid_request - Unsupported code_challenge_method");
  });

  it("answers 400 on malformed percent-encoding", async () => {
    await authorizeError(`${base}&state=%zz`);
  });
});

describe("consent page", () => {
  it("shows the app, the people, the requested scopes ticked and the two buttons", async () => {
    const url = authorizeUrl(emu.current.url, SERVER_CLIENT, {
      scopes: ["sleep", "heartrate"],
      state: "a&b<c>",
      pkce: pkcePair(),
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("23NITE would like the ability to access");
    const inputs = formInputs(html);
    const people = inputs.filter((i) => i.type === "radio" && i.name === "person");
    expect(people.map((p) => [p.value, p.checked])).toEqual([
      ["7QSTDY", true],
      ["8SHFTW", false],
      ["9SPRSE", false],
      ["6DSTNY", false],
    ]);
    const scopes = inputs.filter((i) => i.type === "checkbox" && i.name === "granted");
    expect(scopes.map((s) => [s.value, s.checked])).toEqual([
      ["sleep", true],
      ["heartrate", true],
    ]);
    // Every control has a label.
    for (const i of [...people, ...scopes]) expect(html).toContain(`for="${i.id}"`);
    expect(html).toMatch(/>Allow<\/button>/);
    expect(html).toMatch(/>Deny<\/button>/);
    expect(html).not.toContain("a&b<c>"); // escaped
    expect(new Map(hiddenFields(html)).get("state")).toBe("a&b<c>");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("Allow redirects with code, state and #_=_", async () => {
    const url = authorizeUrl(emu.current.url, SERVER_CLIENT, { scopes: ["sleep"], state: "s 1" });
    const res = await submitConsent(url, { personId: "8SHFTW", grantedScopes: ["sleep"] });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(
      /^http:\/\/localhost:3000\/api\/auth\/callback\/fitbit\?code=[0-9a-f]{40}&state=s\+1#_=_$/,
    );
  });

  it("omits state when none was sent and keeps an existing query on the redirect URI", async () => {
    const url = authorizeUrl(emu.current.url, PUBLIC_CLIENT, {
      scopes: ["sleep"],
      redirectUri: PUBLIC_CLIENT.redirectUris[1],
    });
    const res = await submitConsent(url, { personId: "7QSTDY", grantedScopes: ["sleep"] });
    expect(res.headers.get("location")).toMatch(
      /^http:\/\/localhost:3000\/cb-b\?x=1&code=[0-9a-f]{40}#_=_$/,
    );
  });

  it("Deny redirects with access_denied", async () => {
    const url = authorizeUrl(emu.current.url, SERVER_CLIENT, { scopes: ["sleep"], state: "xyz" });
    const res = await submitConsent(url, {
      personId: "7QSTDY",
      grantedScopes: [],
      decision: "deny",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(
      `${SERVER_CLIENT.redirectUris[0]}?error=access_denied&error_description=The+user+denied+the+request.&state=xyz`,
    );
  });

  it("Allow with nothing ticked shows the page again with an error", async () => {
    const url = authorizeUrl(emu.current.url, SERVER_CLIENT, { scopes: ["sleep", "profile"] });
    const res = await submitConsent(url, { personId: "9SPRSE", grantedScopes: [] });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Select at least one permission");
    const checked = formInputs(html)
      .filter((i) => i.checked)
      .map((i) => i.value);
    expect(checked).toEqual(["9SPRSE"]);
  });

  it("re-validates the hidden fields and refuses scopes that were not requested", async () => {
    const post = (body: string) =>
      fetch(`${emu.current.url}/oauth2/authorize`, {
        method: "POST",
        headers: FORM,
        body,
        redirect: "manual",
      });
    const tampered = await post(
      `client_id=23NITE&response_type=code&scope=sleep&redirect_uri=${encodeURIComponent("https://evil.example/")}&person=7QSTDY&granted=sleep&decision=allow`,
    );
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("Invalid redirect_uri parameter value");
    const extra = await post(
      `client_id=23NITE&response_type=code&scope=sleep&person=7QSTDY&granted=sleep&granted=weight&decision=allow`,
    );
    expect(extra.status).toBe(400);
    expect(await extra.text()).toContain("Invalid scope: weight");
  });
});
