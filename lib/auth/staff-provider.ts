import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/config/env";

export const STAFF_PROVIDER_ID = "oidc";

interface StaffClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/**
 * Staff sign-in through the organisation's OpenID Connect provider (Keycloak, Entra, Google
 * Workspace, or the emulator's issuer at /oidc). NextAuth (openid-client) reads discovery, uses
 * PKCE, state and nonce, and verifies the id_token's RS256 signature against the JWKS, its
 * issuer, audience and expiry. Null when OIDC_* are not configured.
 */
export function staffProvider(): OAuthConfig<StaffClaims> | null {
  const config = env();
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  const issuer = config.OIDC_ISSUER.replace(/\/$/, "");
  return {
    id: STAFF_PROVIDER_ID,
    name: "Staff sign-in",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile(claims) {
      return { id: claims.sub, name: claims.name ?? claims.email ?? null, email: claims.email?.toLowerCase() ?? null, image: null };
    },
  };
}

export function staffSignInEnabled(): boolean {
  return Boolean(env().OIDC_ISSUER);
}
