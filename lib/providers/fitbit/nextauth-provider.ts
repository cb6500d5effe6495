import "server-only";
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/config/env";
import { safeAvatarUrl } from "@/lib/providers/avatar-hosts";
import type { SignInProfile } from "@/lib/providers/types";
import { FITBIT_PROVIDER_ID } from "./id";
import { fitbitProfileSchema, unitSystemFromProfile, type FitbitProfile } from "./schemas";
import { FITBIT_REQUESTED_SCOPES } from "./scopes";

export type FitbitSignInProfile = SignInProfile;

/**
 * "Sign in with Fitbit": authorization code + PKCE (S256) + state, server-app client
 * authentication (HTTP Basic). The identity is the Fitbit user id (`encodedId`).
 */
export function fitbitProvider(): OAuthConfig<FitbitProfile> {
  const config = env();
  return {
    id: FITBIT_PROVIDER_ID,
    name: "Fitbit",
    type: "oauth",
    clientId: config.FITBIT_CLIENT_ID ?? "",
    clientSecret: config.FITBIT_CLIENT_SECRET ?? "",
    checks: ["pkce", "state"],
    client: { token_endpoint_auth_method: "client_secret_basic" },
    authorization: {
      url: new URL("/oauth2/authorize", config.FITBIT_OAUTH_BASE_URL).toString(),
      params: { scope: FITBIT_REQUESTED_SCOPES.join(" "), response_type: "code" },
    },
    token: new URL("/oauth2/token", config.FITBIT_API_BASE_URL).toString(),
    userinfo: {
      url: new URL("/1/user/-/profile.json", config.FITBIT_API_BASE_URL).toString(),
      // The person may untick `profile` on the consent page; sign-in must still work, keyed by
      // the user id the token response carries.
      async request({ tokens }) {
        const userId = String((tokens as { user_id?: unknown }).user_id ?? "");
        const response = await fetch(new URL("/1/user/-/profile.json", config.FITBIT_API_BASE_URL), {
          headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/json" },
          signal: AbortSignal.timeout(15_000),
        });
        // NextAuth types this as its OIDC-ish Profile; ours is Fitbit's shape, passed to profile().
        // Without the profile (scope unticked → 403, hourly quota used up → 429, a Fitbit hiccup)
        // sign-in still works: the token response names the user, and stored profile fields stay.
        if (!response.ok && userId && response.status !== 401) {
          return { user: { encodedId: userId } } as unknown as Profile;
        }
        if (!response.ok) throw new Error(`Fitbit profile request failed with HTTP ${response.status}`);
        const parsed = fitbitProfileSchema.safeParse(await response.json());
        if (!parsed.success) throw new Error("Fitbit profile response did not match the expected shape");
        return parsed.data as unknown as Profile;
      },
    },
    profile(profile): FitbitSignInProfile {
      const user = profile.user;
      return {
        id: user.encodedId,
        name: user.displayName ?? user.fullName ?? null,
        email: null,
        image: safeAvatarUrl(user.avatar150 ?? user.avatar, env().FITBIT_API_BASE_URL),
        timezone: user.timezone ?? null,
        utcOffsetMs: user.offsetFromUTCMillis ?? null,
        memberSince: user.memberSince ?? null,
        unitSystem: unitSystemFromProfile(user),
      };
    },
    style: { logo: "", bg: "#00B0B9", text: "#fff" },
  };
}
