/**
 * The OpenID side of Google sign-in: discovery, the signing keys (JWKS), ID tokens and userinfo.
 * Keys are generated per emulator instance (RS256, like Google's), so ID tokens verify only
 * against this emulator's JWKS. The issuer is the emulator's origin as the client reached it.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type { RequestContext } from "../context";
import { sendGoogleJson, sendOAuthError } from "./errors";
import type { GooglePerson } from "./people";
import { findGooglePerson } from "./people";

/** Generated on first use: most emulator instances (Fitbit-only tests) never sign anything. */
export class SigningKeys {
  readonly kid = randomBytes(20).toString("hex");
  private pair: { privateKey: KeyObject; publicJwk: Record<string, unknown> } | null = null;

  private get keys() {
    if (!this.pair) {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      this.pair = {
        privateKey,
        publicJwk: publicKey.export({ format: "jwk" }) as Record<string, unknown>,
      };
    }
    return this.pair;
  }

  jwks() {
    return { keys: [{ ...this.keys.publicJwk, alg: "RS256", use: "sig", kid: this.kid }] };
  }

  signJwt(claims: Record<string, unknown>): string {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const input = `${b64({ alg: "RS256", kid: this.kid, typ: "JWT" })}.${b64(claims)}`;
    return `${input}.${sign("sha256", Buffer.from(input), this.keys.privateKey).toString("base64url")}`;
  }
}

export function discoveryDocument(origin: string) {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/o/oauth2/v2/auth`,
    device_authorization_endpoint: `${origin}/device/code`,
    token_endpoint: `${origin}/token`,
    userinfo_endpoint: `${origin}/v1/userinfo`,
    revocation_endpoint: `${origin}/revoke`,
    jwks_uri: `${origin}/oauth2/v3/certs`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "email", "profile"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    claims_supported: [
      "aud",
      "email",
      "email_verified",
      "exp",
      "family_name",
      "given_name",
      "iat",
      "iss",
      "name",
      "picture",
      "sub",
    ],
    code_challenge_methods_supported: ["plain", "S256"],
    grant_types_supported: ["authorization_code", "refresh_token"],
  };
}

function profileClaims(g: GooglePerson, origin: string, scopes: readonly string[]) {
  const out: Record<string, unknown> = {};
  if (scopes.includes("https://www.googleapis.com/auth/userinfo.email")) {
    out.email = g.email;
    out.email_verified = true;
  }
  if (scopes.includes("https://www.googleapis.com/auth/userinfo.profile")) {
    out.name = `${g.person.firstName} ${g.person.lastName}`;
    out.picture = `${origin}/avatars/${g.person.encodedId}.svg`;
    out.given_name = g.person.firstName;
    out.family_name = g.person.lastName;
  }
  return out;
}

export function idToken(
  keys: SigningKeys,
  origin: string,
  clientId: string,
  g: GooglePerson,
  scopes: readonly string[],
  accessToken: string,
  nowMs: number,
  nonce: string | null,
): string {
  const digest = createHash("sha256").update(accessToken).digest();
  const iat = Math.floor(nowMs / 1000);
  return keys.signJwt({
    iss: origin,
    azp: clientId,
    aud: clientId,
    sub: g.sub,
    ...profileClaims(g, origin, scopes),
    at_hash: digest.subarray(0, 16).toString("base64url"),
    ...(nonce === null ? {} : { nonce }),
    iat,
    exp: iat + 3600,
  });
}

/** `GET /v1/userinfo` (and `/oauth2/v3/userinfo`). */
export function handleUserinfo(ctx: RequestContext): void {
  const { state, req, res } = ctx;
  req.resume();
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? "");
  const record = m ? state.google.tokens.findAccessToken(m[1]!) : undefined;
  if (!record || !state.google.tokens.isActive(record)) {
    sendOAuthError(res, 401, "invalid_request", "Invalid Credentials", {
      "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    });
    return;
  }
  ctx.userId = record.userId;
  const g = findGooglePerson(record.userId);
  if (!g) throw new Error("token refers to an unknown person");
  sendGoogleJson(res, 200, { sub: g.sub, ...profileClaims(g, ctx.origin, record.scopes) });
}
