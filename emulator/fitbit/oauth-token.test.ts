import { describe, expect, it } from "vitest";
import { VISIT } from "../types";
import { bearer, FORM, PUBLIC_CLIENT, SERVER_CLIENT, emulatorPerTest } from "../test-fixtures";
import {
  authorizeUrl,
  basicAuth,
  obtainTokens,
  pkcePair,
  postToken,
  submitConsent,
  type Pkce,
} from "../testing";

const emu = emulatorPerTest();

/** Runs authorize + consent and returns the code (no token exchange). */
async function getCode(pkce: Pkce | null, scopes = ["sleep", "profile"]) {
  const url = authorizeUrl(emu.current.url, SERVER_CLIENT, { scopes, pkce });
  const res = await submitConsent(url, { personId: "7QSTDY", grantedScopes: scopes });
  return new URL(res.headers.get("location")!).searchParams.get("code")!;
}

function exchange(code: string, extra: Record<string, string> = {}) {
  return postToken(emu.current.url, SERVER_CLIENT, {
    grant_type: "authorization_code",
    code,
    redirect_uri: SERVER_CLIENT.redirectUris[0]!,
    ...extra,
  });
}

const refresh = (token: string) =>
  postToken(emu.current.url, SERVER_CLIENT, { grant_type: "refresh_token", refresh_token: token });

describe("authorization_code grant", () => {
  it("S256 success returns the §1.6 shape", async () => {
    const pkce = pkcePair("S256");
    const res = await exchange(await getCode(pkce), { code_verifier: pkce.verifier });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
      "token_type",
      "user_id",
    ]);
    expect(body).toMatchObject({
      expires_in: 28800,
      scope: "sleep profile",
      token_type: "Bearer",
      user_id: "7QSTDY",
    });
    expect(body.refresh_token).toMatch(/^[0-9a-f]{64}$/);
    const [header, payload] = String(body.access_token).split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "HS256" });
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      aud: "23NITE",
      sub: "7QSTDY",
      iss: "Fitbit",
      typ: "access_token",
      scopes: "rsle rpro",
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(28800);
  });

  it("plain PKCE and no PKCE succeed", async () => {
    const plain = pkcePair("plain");
    expect((await exchange(await getCode(plain), { code_verifier: plain.verifier })).status).toBe(
      200,
    );
    expect((await exchange(await getCode(null))).status).toBe(200);
  });

  it("a wrong PKCE verifier is invalid_grant", async () => {
    const code = await getCode(pkcePair());
    const res = await exchange(code, { code_verifier: pkcePair().verifier });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        { errorType: "invalid_grant", message: `Authorization code invalid: ${code}${VISIT}` },
      ],
      success: false,
    });
    // Missing verifier too.
    expect((await exchange(code)).status).toBe(400);
  });

  it("a code is single use", async () => {
    const code = await getCode(null);
    expect((await exchange(code)).status).toBe(200);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("invalid_grant");
  });

  it("a code expires after 10 minutes on the emulator clock", async () => {
    const code = await getCode(null);
    emu.current.state.clock.advanceMs(10 * 60_000 + 1000);
    const res = await exchange(code);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`Authorization code invalid: ${code}`);
  });

  it("redirect_uri must repeat the authorize one exactly", async () => {
    const res = await exchange(await getCode(null), {
      redirect_uri: "http://localhost:3000/other",
    });
    expect(res.status).toBe(400);
    const missing = await postToken(emu.current.url, SERVER_CLIENT, {
      grant_type: "authorization_code",
      code: await getCode(null),
    });
    expect(missing.status).toBe(400);
  });

  it("missing code -> invalid_request Missing parameters", async () => {
    const res = await postToken(emu.current.url, SERVER_CLIENT, {
      grant_type: "authorization_code",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ errorType: "invalid_request", message: `Missing parameters: code${VISIT}` }],
      success: false,
    });
  });

  it("partial consent is reflected in the token scope", async () => {
    const tokens = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "6DSTNY",
      scopes: ["sleep", "heartrate", "nutrition"],
      grantedScopes: ["sleep", "nutrition"],
    });
    expect(tokens.scope).toBe("sleep nutrition");
  });

  it("public clients send client_id in the body", async () => {
    const pkce = pkcePair();
    const url = authorizeUrl(emu.current.url, PUBLIC_CLIENT, { scopes: ["sleep"], pkce });
    const consent = await submitConsent(url, { personId: "7QSTDY", grantedScopes: ["sleep"] });
    const code = new URL(consent.headers.get("location")!).searchParams.get("code")!;
    const res = await postToken(emu.current.url, PUBLIC_CLIENT, {
      grant_type: "authorization_code",
      code,
      redirect_uri: PUBLIC_CLIENT.redirectUris[0]!,
      code_verifier: pkce.verifier,
    });
    expect(res.status).toBe(200);
  });
});

describe("client authentication", () => {
  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${emu.current.url}/oauth2/token`, {
      method: "POST",
      headers: { ...FORM, ...headers },
      body,
    });

  it("wrong secret -> 401 invalid_client with WWW-Authenticate", async () => {
    const res = await post(
      { authorization: basicAuth({ clientId: "23NITE", clientSecret: "wrong" }) },
      "grant_type=refresh_token&refresh_token=abc",
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="api.fitbit.com"');
    expect(
      ((await res.json()) as { errors: Array<{ errorType: string }> }).errors[0]!.errorType,
    ).toBe("invalid_client");
  });

  it("no Basic header and no client_id -> the exact captured 401 message", async () => {
    const res = await post({}, "grant_type=refresh_token&refresh_token=abc");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="api.fitbit.com"');
    expect(await res.json()).toEqual({
      errors: [
        {
          errorType: "invalid_client",
          message:
            "Invalid authorization header format. The header was not recognized to be a valid header for any of known implementations or a client_id was not specified in case of a public client Received header = undefined." +
            VISIT,
        },
      ],
      success: false,
    });
  });

  it("a server app cannot skip its secret by sending client_id in the body", async () => {
    const res = await post({}, "grant_type=refresh_token&refresh_token=abc&client_id=23NITE");
    expect(res.status).toBe(401);
  });

  it("only form bodies are accepted", async () => {
    const res = await fetch(`${emu.current.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: basicAuth(SERVER_CLIENT) },
      body: JSON.stringify({ grant_type: "refresh_token" }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("invalid_request");
  });
});

describe("refresh_token grant", () => {
  it("rotates: new pair, old refresh token dies, old access token still works", async () => {
    const first = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["profile"],
    });
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    const second = (await res.json()) as typeof first;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.scope).toBe("profile");
    const profile = await fetch(`${emu.current.url}/1/user/-/profile.json`, {
      headers: bearer(first.access_token),
    });
    expect(profile.status).toBe(200);
    const summary = emu.current.state.tokens.summary("7QSTDY");
    expect(summary).toMatchObject({ activeAccessTokens: 2, activeRefreshTokens: 1 });
  });

  it("an identical request within 2 minutes replays the byte-identical response", async () => {
    const first = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["sleep"],
    });
    const a = await (await refresh(first.refresh_token)).text();
    emu.current.state.clock.advanceMs(110_000);
    const b = await refresh(first.refresh_token);
    expect(b.status).toBe(200);
    expect(await b.text()).toBe(a);
    // A different body is not "identical".
    const c = await postToken(emu.current.url, SERVER_CLIENT, {
      refresh_token: first.refresh_token,
      grant_type: "refresh_token",
    });
    expect(c.status).toBe(400);
  });

  it("the old refresh token is invalid_grant after 2 minutes", async () => {
    const first = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["sleep"],
    });
    expect((await refresh(first.refresh_token)).status).toBe(200);
    emu.current.state.clock.advanceMs(121_000);
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        {
          errorType: "invalid_grant",
          message: `Refresh token invalid: ${first.refresh_token}.${VISIT}`,
        },
      ],
      success: false,
    });
  });

  it("a new authorization replaces the previous refresh token", async () => {
    const first = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["sleep"],
    });
    await obtainTokens(emu.current.url, SERVER_CLIENT, { personId: "7QSTDY", scopes: ["sleep"] });
    expect((await refresh(first.refresh_token)).status).toBe(400);
  });

  it("missing refresh_token -> invalid_request", async () => {
    const res = await postToken(emu.current.url, SERVER_CLIENT, { grant_type: "refresh_token" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        { errorType: "invalid_request", message: `Missing parameters: refresh_token${VISIT}` },
      ],
      success: false,
    });
  });

  it("refresh tokens do not expire until used", async () => {
    const first = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["sleep"],
    });
    emu.current.state.clock.advanceMs(90 * 86_400_000);
    expect((await refresh(first.refresh_token)).status).toBe(200);
  });
});

describe("revoke and introspect", () => {
  const revoke = (token: string, auth = basicAuth(SERVER_CLIENT)) =>
    fetch(`${emu.current.url}/oauth2/revoke`, {
      method: "POST",
      headers: { ...FORM, authorization: auth },
      body: `token=${token}`,
    });
  const introspect = (as: string, token: string) =>
    fetch(`${emu.current.url}/1.1/oauth2/introspect`, {
      method: "POST",
      headers: { ...FORM, ...bearer(as) },
      body: `token=${encodeURIComponent(token)}`,
    });

  it("revoking one token kills all of the user's tokens for the app", async () => {
    const a = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["profile"],
    });
    const b = (await (await refresh(a.refresh_token)).json()) as typeof a;
    const res = await revoke(b.refresh_token);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("{}");
    for (const token of [a.access_token, b.access_token]) {
      const call = await fetch(`${emu.current.url}/1/user/-/profile.json`, {
        headers: bearer(token),
      });
      expect(call.status).toBe(401);
      expect(await call.text()).toContain("invalid_token");
    }
    expect((await refresh(b.refresh_token)).status).toBe(400);
    // Even the replay window is closed by a revoke.
    expect((await refresh(a.refresh_token)).status).toBe(400);
    expect(emu.current.state.tokens.summary("7QSTDY").revokedAt).not.toBeNull();
  });

  it("unknown tokens still get 200 {}; a bad client gets 401", async () => {
    expect(await (await revoke("nope")).text()).toBe("{}");
    const bad = await revoke("nope", basicAuth({ clientId: "ZZZZZZ", clientSecret: "x" }));
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain("invalid_client");
  });

  it("introspect reports active tokens, then inactive after revoke", async () => {
    const t = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "8SHFTW",
      scopes: ["sleep", "heartrate"],
    });
    const other = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["sleep"],
    });
    const res = await introspect(other.access_token, t.access_token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      active: true,
      scope: "{SLEEP=READ, HEARTRATE=READ}",
      client_id: "23NITE",
      user_id: "8SHFTW",
      token_type: "access_token",
    });
    expect(Number(body.exp) - Number(body.iat)).toBe(28800 * 1000);
    expect(await (await introspect(other.access_token, "garbage")).json()).toEqual({
      active: false,
    });
    await revoke(t.access_token);
    expect(await (await introspect(other.access_token, t.access_token)).json()).toEqual({
      active: false,
    });
    const unauth = await introspect("garbage", t.access_token);
    expect(unauth.status).toBe(401);
  });
});
