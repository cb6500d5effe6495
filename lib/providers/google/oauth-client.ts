import "server-only";
import { env } from "@/lib/config/env";
import { ProviderTokenError, type RefreshedTokens } from "@/lib/providers/types";
import { googleTokenResponseSchema, oauthErrorSchema } from "./schemas";

async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ProviderTokenError({ kind: "transient", status: null, detail: error instanceof Error ? error.name : "network error" });
  }
}

/**
 * Exchanges a Google refresh token (reusable: Google sends no new one, the stored one stays).
 * `invalid_grant` means revoked or expired (Testing-mode tokens die after 7 days): re-consent.
 */
export async function refreshGoogleToken(refreshToken: string): Promise<RefreshedTokens> {
  const { GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_TOKEN_URL } = env();
  const response = await postForm(GOOGLE_TOKEN_URL, {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: GOOGLE_CLIENT_ID ?? "",
    client_secret: GOOGLE_CLIENT_SECRET ?? "",
  });
  if (!response.ok) {
    const body = oauthErrorSchema.safeParse(await response.json().catch(() => null));
    const code = body.success ? body.data.error : undefined;
    if (response.status === 400 && code === "invalid_grant") throw new ProviderTokenError({ kind: "invalid_grant" });
    throw new ProviderTokenError({ kind: "transient", status: response.status, detail: code ?? "error" });
  }
  const parsed = googleTokenResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    throw new ProviderTokenError({ kind: "transient", status: response.status, detail: "unexpected token response" });
  return parsed.data;
}

/** Revokes the grant at Google (the whole grant goes, refresh and access tokens alike). */
export async function revokeGoogleToken(token: string): Promise<"revoked" | "retired" | "failed"> {
  try {
    const response = await postForm(env().GOOGLE_REVOKE_URL, { token });
    return response.ok ? "revoked" : "failed";
  } catch {
    return "failed";
  }
}
