/** The emulator's OIDC issuer over real HTTP: discovery, pick page, PKCE code flow, RS256 id_token, userinfo. */
import { createHash, createPublicKey, randomBytes, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../server";

const client = { clientId: "nightly-staff", clientSecret: "staff-secret", redirectUris: ["http://localhost:3999/api/auth/callback/oidc"] };
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, oidcClients: [client] });
});
afterAll(() => emu.close());

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function authorize(params: Record<string, string>, sub = "staff-rosa") {
  const form = new URLSearchParams({ ...params, sub });
  return fetch(`${emu.url}/oidc/authorize`, { method: "POST", body: form, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
}

const base = (challenge: string) => ({
  client_id: client.clientId,
  redirect_uri: client.redirectUris[0]!,
  response_type: "code",
  scope: "openid email profile",
  state: "st4te",
  nonce: "n0nce",
  code_challenge: challenge,
  code_challenge_method: "S256",
});

async function exchange(code: string, verifier: string) {
  return fetch(`${emu.url}/oidc/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}` },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: client.redirectUris[0]!, code_verifier: verifier }),
  });
}

describe("OIDC issuer", () => {
  it("publishes discovery and a JWKS", async () => {
    const discovery = await (await fetch(`${emu.url}/oidc/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: `${emu.url}/oidc`, jwks_uri: `${emu.url}/oidc/jwks`, code_challenge_methods_supported: ["S256"], id_token_signing_alg_values_supported: ["RS256"] });
    const jwks = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it("shows the demo staff on the pick page", async () => {
    const { challenge } = pkce();
    const page = await fetch(`${emu.url}/oidc/authorize?${new URLSearchParams(base(challenge))}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Rosa Researcher");
  });

  it("runs the code flow with PKCE and signs an id_token the JWKS verifies", async () => {
    const { verifier, challenge } = pkce();
    const answer = await authorize(base(challenge));
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("location")!);
    expect(location.searchParams.get("state")).toBe("st4te");
    expect(location.searchParams.get("iss")).toBe(`${emu.url}/oidc`);
    const tokens = await (await exchange(location.searchParams.get("code")!, verifier)).json();
    const [header, payload, signature] = tokens.id_token.split(".");
    const jwks = await (await fetch(`${emu.url}/oidc/jwks`)).json();
    const key = createPublicKey({ key: jwks.keys[0], format: "jwk" });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"))).toBe(true);
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    expect(claims).toMatchObject({ iss: `${emu.url}/oidc`, aud: client.clientId, sub: "staff-rosa", nonce: "n0nce", email: "rosa.researcher@uni.example" });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    const userinfo = await (await fetch(`${emu.url}/oidc/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json();
    expect(userinfo).toMatchObject({ sub: "staff-rosa", email: "rosa.researcher@uni.example" });
  });

  it("refuses a wrong PKCE verifier, a reused code, a missing challenge and an unregistered redirect", async () => {
    const { verifier, challenge } = pkce();
    const code = new URL((await authorize(base(challenge))).headers.get("location")!).searchParams.get("code")!;
    expect((await exchange(code, "x".repeat(43))).status).toBe(400);
    expect((await exchange(code, verifier)).status).toBe(400); // one use only
    const noPkce = await authorize({ ...base(challenge), code_challenge: "" });
    expect(new URL(noPkce.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
    const elsewhere = await authorize({ ...base(challenge), redirect_uri: "https://evil.example/cb" });
    expect(elsewhere.status).toBe(400);
    expect((await fetch(`${emu.url}/oidc/userinfo`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
  });
});
