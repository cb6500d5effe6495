/**
 * OAuth clients registered with the emulated Google Cloud project ("Web application" clients,
 * reference §2.2). `testing: true` models a consent screen in Testing status: refresh tokens
 * then carry `refresh_token_expires_in` and die 7 days after consent (reference §2.2, §8).
 */
import { z } from "zod";

export interface GoogleClient {
  clientId: string;
  clientSecret: string;
  /** Shown on the consent page ("Nightly wants to access your Google Account"). */
  name: string;
  /** Exact redirect URIs; Google compares them byte for byte. */
  redirectUris: string[];
  testing: boolean;
}

export const googleClientSchema = z.strictObject({
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9.\-_]{1,120}$/, "clientId must be 1-120 letters, digits, '.', '-' or '_'"),
  clientSecret: z.string().min(1).max(200),
  name: z.string().min(1).max(80),
  redirectUris: z
    .array(
      z
        .string()
        .refine(
          (uri) => URL.canParse(uri) && !uri.includes("#"),
          "must be an absolute URI without a fragment",
        ),
    )
    .min(1),
  testing: z.boolean().default(false),
});

export const googleClientsSchema = z
  .array(googleClientSchema)
  .min(1)
  .refine(
    (list) => new Set(list.map((c) => c.clientId)).size === list.length,
    "duplicate clientId",
  );

/** The demo's client. Launchers replace `redirectUris` with `googleRedirectUri(appUrl)`. */
export const DEFAULT_GOOGLE_CLIENT: GoogleClient = {
  clientId: "100200300400-nightlydemo.apps.googleusercontent.com",
  clientSecret: "GOCSPX-nightly-demo-secret",
  name: "Nightly",
  redirectUris: ["http://localhost:3000/api/auth/callback/google-health"],
  testing: false,
};

/** NextAuth's callback for the `google-health` provider at an app origin. */
export function googleRedirectUri(appUrl: string): string {
  return `${appUrl.replace(/\/$/, "")}/api/auth/callback/google-health`;
}
