import { createPublicKey, type JsonWebKeyInput, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formInputs, pkcePair } from "../testing";
import { DEFAULT_GOOGLE_CLIENT } from "./clients";
import { ADA, control, googleEmulatorPerTest, NOOR, tokensFor } from "./test-fixtures";
import {
  googleAuthorizeUrl,
  googleGet,
  NIGHTLY_SCOPES,
  postGoogleToken,
  submitGoogleConsent,
} from "./testing";
import { READ_SCOPES } from "./scopes";

const emu = googleEmulatorPerTest();
const client = DEFAULT_GOOGLE_CLIENT;
const url = () => emu.current.url;

async function codeFor(
  opts: Parameters<typeof googleAuthorizeUrl>[2],
  personId = ADA.healthUserId,
) {
  const res = await submitGoogleConsent(googleAuthorizeUrl(url(), client, opts), { personId });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

describe("Google authorization endpoint", () => {
  it("shows a consent page naming the app, every person (Noor too) and untickable Health scopes", async () => {
    const res = await fetch(
      googleAuthorizeUrl(url(), client, { scopes: NIGHTLY_SCOPES, state: "s" }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Nightly wants to access your Google Account");
    const inputs = formInputs(html);
    expect(inputs.filter((i) => i.name === "person").map((i) => i.value)).toContain(
      NOOR.healthUserId,
    );
    const health = inputs.filter((i) => i.name === "granted").map((i) => i.value);
    expect(health).toContain(READ_SCOPES.sleep);
    expect(health).not.toContain("openid"); // part of signing in, not optional
  });

  it("answers a wrong redirect_uri or unknown client with an error page, never a redirect", async () => {
    const bad = await fetch(
      googleAuthorizeUrl(url(), client, {
        scopes: ["openid"],
        redirectUri: "http://localhost:3000/evil",
      }),
      { redirect: "manual" },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("redirect_uri_mismatch");
    const unknown = await fetch(
      `${url()}/o/oauth2/v2/auth?client_id=nope&redirect_uri=x&response_type=code&scope=openid`,
    );
    expect(unknown.status).toBe(401);
    const scope = await fetch(
      googleAuthorizeUrl(url(), client, {
        scopes: ["https://www.googleapis.com/auth/googlehealth.bogus.readonly"],
      }),
    );
    expect(scope.status).toBe(400);
    expect(await scope.text()).toContain("invalid_scope");
  });

  it("Cancel redirects with access_denied and the state", async () => {
    const res = await submitGoogleConsent(
      googleAuthorizeUrl(url(), client, { scopes: NIGHTLY_SCOPES, state: "xyz" }),
      {
        personId: ADA.healthUserId,
        decision: "deny",
      },
    );
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("xyz");
  });
});

describe("Google token endpoint", () => {
  it("offline + consent + PKCE S256: 1-hour access token, refresh token, id_token signed with the JWKS key", async () => {
    const t = await tokensFor(url());
    expect(t.expires_in).toBe(3599);
    expect(t.token_type).toBe("Bearer");
    expect(t.refresh_token).toMatch(/^1\/\/0/);
    expect(t.refresh_token_expires_in).toBeUndefined(); // published app
    const [h, p, s] = t.id_token!.split(".");
    const header = JSON.parse(Buffer.from(h!, "base64url").toString()) as { kid: string };
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
    const discovery = (await (
      await fetch(`${url()}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(claims.iss).toBe(discovery.issuer);
    expect(claims.aud).toBe(client.clientId);
    expect(claims.sub).toBe(ADA.sub);
    expect(claims.sub).not.toBe(ADA.healthUserId);
    expect(claims.email).toBe(ADA.email);
    const jwks = (await (await fetch(discovery.jwks_uri!)).json()) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
    const key = createPublicKey({ key: jwk as unknown as JsonWebKeyInput["key"], format: "jwk" });
    expect(verify("sha256", Buffer.from(`${h}.${p}`), key, Buffer.from(s!, "base64url"))).toBe(
      true,
    );
    const userinfo = await fetch(discovery.userinfo_endpoint!, {
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    expect(await userinfo.json()).toMatchObject({
      sub: ADA.sub,
      email: ADA.email,
      email_verified: true,
    });
  });

  it("unticked scopes are left out of the token, and the API answers 403 for them", async () => {
    const t = await tokensFor(url(), {
      grantedScopes: [READ_SCOPES.sleep, READ_SCOPES.profile],
    });
    expect(t.scope.split(" ")).toEqual(
      expect.arrayContaining(["openid", READ_SCOPES.sleep, READ_SCOPES.profile]),
    );
    expect(t.scope).not.toContain("nutrition");
    const denied = await googleGet(
      url(),
      t.access_token,
      "/v4/users/me/dataTypes/nutrition-log/dataPoints",
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { code: 403, status: "PERMISSION_DENIED" } });
    expect((await googleGet(url(), t.access_token, "/v4/users/me/identity")).status).toBe(200);
  });

  it("refresh tokens are reusable and never rotated", async () => {
    const t = await tokensFor(url());
    for (let i = 0; i < 3; i++) {
      const res = await postGoogleToken(url(), client, {
        grant_type: "refresh_token",
        refresh_token: t.refresh_token!,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.refresh_token).toBeUndefined();
      expect(body.expires_in).toBe(3599);
      expect(
        (await googleGet(url(), body.access_token as string, "/v4/users/me/identity")).status,
      ).toBe(200);
    }
  });

  it("a refresh token comes only on first consent or with prompt=consent, and only offline", async () => {
    const pkce = pkcePair();
    const exchange = async (location: URL, verifier?: string) =>
      (await (
        await postGoogleToken(url(), client, {
          grant_type: "authorization_code",
          code: location.searchParams.get("code")!,
          redirect_uri: client.redirectUris[0]!,
          ...(verifier ? { code_verifier: verifier } : {}),
        })
      ).json()) as Record<string, unknown>;
    const online = await exchange(await codeFor({ scopes: NIGHTLY_SCOPES }));
    expect(online.refresh_token).toBeUndefined();
    const first = await exchange(
      await codeFor({ scopes: NIGHTLY_SCOPES, accessType: "offline", pkce }),
      pkce.verifier,
    );
    expect(first.refresh_token).toBeDefined();
    const again = await exchange(await codeFor({ scopes: NIGHTLY_SCOPES, accessType: "offline" }));
    expect(again.refresh_token).toBeUndefined();
    const forced = await exchange(
      await codeFor({ scopes: NIGHTLY_SCOPES, accessType: "offline", prompt: "consent" }),
    );
    expect(forced.refresh_token).toBeDefined();
  });

  it("codes are single-use and bound to the exact redirect URI and the PKCE verifier", async () => {
    const pkce = pkcePair();
    const location = await codeFor({ scopes: NIGHTLY_SCOPES, pkce, accessType: "offline" });
    const code = location.searchParams.get("code")!;
    const post = (body: Record<string, string>) =>
      postGoogleToken(url(), client, { grant_type: "authorization_code", code, ...body });
    const wrongUri = await post({
      redirect_uri: "http://localhost:3000/other",
      code_verifier: pkce.verifier,
    });
    expect(await wrongUri.json()).toEqual({
      error: "redirect_uri_mismatch",
      error_description: "Bad Request",
    });
    const noVerifier = await post({ redirect_uri: client.redirectUris[0]! });
    expect(await noVerifier.json()).toEqual({
      error: "invalid_grant",
      error_description: "Missing code verifier.",
    });
    const wrongVerifier = await post({
      redirect_uri: client.redirectUris[0]!,
      code_verifier: pkcePair().verifier,
    });
    expect(await wrongVerifier.json()).toEqual({
      error: "invalid_grant",
      error_description: "Invalid code verifier.",
    });
    const ok = await post({ redirect_uri: client.redirectUris[0]!, code_verifier: pkce.verifier });
    expect(ok.status).toBe(200);
    const reused = await post({
      redirect_uri: client.redirectUris[0]!,
      code_verifier: pkce.verifier,
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      error: "invalid_grant",
      error_description: "Bad Request",
    });
  });

  it("client authentication: wrong secret or unknown client are 401 invalid_client (RFC 6749 body)", async () => {
    const form = (id: string, secret: string) =>
      fetch(`${url()}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: "x",
          client_id: id,
          client_secret: secret,
        }).toString(),
      });
    const wrong = await form(client.clientId, "nope");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: "invalid_client",
      error_description: "Unauthorized",
    });
    const unknown = await form("someone-else", "x");
    expect(await unknown.json()).toEqual({
      error: "invalid_client",
      error_description: "The OAuth client was not found.",
    });
    const basic = await fetch(`${url()}/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
      },
      body: "grant_type=refresh_token&refresh_token=bogus",
    });
    expect(await basic.json()).toEqual({
      error: "invalid_grant",
      error_description: "Bad Request",
    });
  });

  it("revocation: the grant ends, refresh is invalid_grant, the API is 401; a second revoke is 400", async () => {
    const t = await tokensFor(url());
    const revoke = (token: string) =>
      fetch(`${url()}/revoke`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }).toString(),
      });
    expect((await revoke(t.refresh_token!)).status).toBe(200);
    const refreshed = await postGoogleToken(url(), client, {
      grant_type: "refresh_token",
      refresh_token: t.refresh_token!,
    });
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toEqual({
      error: "invalid_grant",
      error_description: "Token has been expired or revoked.",
    });
    const api = await googleGet(url(), t.access_token, "/v4/users/me/identity");
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({ error: { status: "UNAUTHENTICATED" } });
    const again = await revoke(t.access_token);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: "invalid_token",
      error_description: "Token expired or revoked",
    });
    const summary = await control(
      url(),
      "GET",
      `/users/${ADA.healthUserId}/tokens?provider=google`,
    );
    expect(summary.json).toMatchObject({ activeAccessTokens: 0, activeRefreshTokens: 0 });
  });

  it("access tokens expire after an hour of emulator clock (401 with ACCESS_TOKEN_EXPIRED)", async () => {
    const t = await tokensFor(url());
    expect((await googleGet(url(), t.access_token, "/v4/users/me/identity")).status).toBe(200);
    await control(url(), "POST", "/clock", { advanceSeconds: 3600 });
    const expired = await googleGet(url(), t.access_token, "/v4/users/me/identity");
    expect(expired.status).toBe(401);
    expect(JSON.stringify(expired.body)).toContain("ACCESS_TOKEN_EXPIRED");
  });
});

describe("OpenID discovery", () => {
  it("names every endpoint on this origin", async () => {
    const d = (await (await fetch(`${url()}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(d).toMatchObject({
      issuer: url(),
      authorization_endpoint: `${url()}/o/oauth2/v2/auth`,
      token_endpoint: `${url()}/token`,
      revocation_endpoint: `${url()}/revoke`,
      jwks_uri: `${url()}/oauth2/v3/certs`,
      code_challenge_methods_supported: ["plain", "S256"],
    });
  });
});
