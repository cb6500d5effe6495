import "server-only";
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { env } from "@/lib/config/env";
import type { SignInProfile } from "@/lib/providers/types";
import { GOOGLE_HEALTH_PROVIDER_ID } from "./id";
import { civilDay } from "./normalize";
import { GOOGLE_AUTH_SCOPES } from "./scopes";
import { identitySchema, profileSchema, settingsSchema, type GoogleSettings } from "./schemas";

/** The ID token's claims Nightly uses (openid-client has verified the token by then). */
const idTokenClaimsSchema = z.object({ name: z.string().trim().min(1).max(200).optional() });

/** What the userinfo step collects: identity always, settings and profile when shared. */
interface GoogleSignIn {
  /** The person's name from the ID token (userinfo.profile); null when absent. */
  name: string | null;
  identity: z.infer<typeof identitySchema>;
  settings: GoogleSettings | null;
  profile: z.infer<typeof profileSchema> | null;
}

function unitSystemOf(settings: GoogleSettings | null): SignInProfile["unitSystem"] {
  const weight = settings?.weightUnit ?? "";
  if (weight.includes("POUND")) return "US";
  if (weight.includes("STONE")) return "UK";
  return "METRIC";
}

/** The payload of the ID token openid-client verified in the callback (signature, issuer, audience). */
function idTokenPayload(idToken: unknown): unknown {
  if (typeof idToken !== "string") return null;
  try {
    return JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as unknown;
  } catch {
    return null;
  }
}

async function getJson(path: string, accessToken: string): Promise<Response> {
  return fetch(new URL(path, env().GOOGLE_HEALTH_API_BASE_URL), {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    signal: AbortSignal.timeout(15_000),
  });
}

/**
 * "Sign in with Google" for the Google Health API: authorization code + PKCE (S256) + state,
 * read-only Health scopes, offline access with `prompt=consent` so a refresh token is issued
 * every time. The identity is the `healthUserId` of `users/me/identity` (not the Google account
 * id); the legacy Fitbit id is kept for moving a Fitbit connection over later. `openid` +
 * `userinfo.profile` bring an ID token (verified against GOOGLE_JWKS_URL, issuer = the origin of
 * GOOGLE_OAUTH_BASE_URL) whose `name` is the name Nightly shows.
 */
export function googleHealthProvider(): OAuthConfig<GoogleSignIn> {
  const config = env();
  return {
    id: GOOGLE_HEALTH_PROVIDER_ID,
    name: "Google",
    type: "oauth",
    clientId: config.GOOGLE_CLIENT_ID ?? "",
    clientSecret: config.GOOGLE_CLIENT_SECRET ?? "",
    checks: ["pkce", "state"],
    idToken: true,
    issuer: new URL(config.GOOGLE_OAUTH_BASE_URL).origin,
    jwks_endpoint: config.GOOGLE_JWKS_URL,
    client: { token_endpoint_auth_method: "client_secret_post" },
    authorization: {
      url: new URL("/o/oauth2/v2/auth", config.GOOGLE_OAUTH_BASE_URL).toString(),
      params: {
        scope: GOOGLE_AUTH_SCOPES.join(" "),
        response_type: "code",
        access_type: "offline",
        prompt: "consent",
      },
    },
    token: config.GOOGLE_TOKEN_URL,
    userinfo: {
      url: new URL("/v4/users/me/identity", config.GOOGLE_HEALTH_API_BASE_URL).toString(),
      async request({ tokens }) {
        const accessToken = String(tokens.access_token ?? "");
        const identity = await getJson("/v4/users/me/identity", accessToken);
        if (!identity.ok) throw new Error(`Google identity request failed with HTTP ${identity.status}`);
        // Settings and profile are optional: a person may untick them; sign-in still works.
        const optional = async (path: string) => {
          const response = await getJson(path, accessToken).catch(() => null);
          return response?.ok ? ((await response.json().catch(() => null)) as unknown) : null;
        };
        const [settings, profile] = await Promise.all([optional("/v4/users/me/settings"), optional("/v4/users/me/profile")]);
        // Each part is parsed once: the schemas transform values (e.g. "-25200s" → seconds), so
        // parsing an already-parsed part again would reject it.
        const parsedIdentity = identitySchema.safeParse(await identity.json().catch(() => null));
        if (!parsedIdentity.success) throw new Error("Google identity response did not match the expected shape");
        const claims = idTokenClaimsSchema.safeParse(idTokenPayload(tokens.id_token));
        const signIn: GoogleSignIn = {
          name: claims.data?.name ?? null,
          identity: parsedIdentity.data,
          settings: settingsSchema.safeParse(settings).data ?? null,
          profile: profileSchema.safeParse(profile).data ?? null,
        };
        return signIn as unknown as Profile;
      },
    },
    profile({ name, identity, settings, profile }): SignInProfile {
      const member = profile?.membershipStartDate;
      return {
        id: identity.healthUserId,
        name,
        email: null,
        image: null,
        timezone: settings?.timeZone ?? null,
        utcOffsetMs: settings?.utcOffset !== undefined ? settings.utcOffset * 1000 : null,
        memberSince: member === undefined ? null : typeof member === "string" ? member.slice(0, 10) : civilDay(member),
        unitSystem: unitSystemOf(settings),
        legacyUserId: identity.legacyUserId ?? "",
      };
    },
    style: { logo: "", bg: "#1a73e8", text: "#fff" },
  };
}
