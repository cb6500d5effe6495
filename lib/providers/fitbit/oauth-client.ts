import "server-only";
import { env } from "@/lib/config/env";
import { ProviderTokenError, type TokenFailure } from "@/lib/providers/types";
import { fitbitErrorEnvelopeSchema, fitbitTokenResponseSchema, type FitbitTokenResponse } from "./schemas";

export type { TokenFailure };
/** Fitbit token failures are the provider-neutral ProviderTokenError. */
export const FitbitTokenError = ProviderTokenError;
export type FitbitTokenError = ProviderTokenError;

function basicAuthorization(): string {
  const { FITBIT_CLIENT_ID, FITBIT_CLIENT_SECRET } = env();
  return `Basic ${Buffer.from(`${FITBIT_CLIENT_ID}:${FITBIT_CLIENT_SECRET}`).toString("base64")}`;
}

async function postForm(path: string, form: Record<string, string>): Promise<Response> {
  try {
    return await fetch(new URL(path, env().FITBIT_API_BASE_URL), {
      method: "POST",
      headers: {
        authorization: basicAuthorization(),
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new FitbitTokenError({
      kind: "transient",
      status: null,
      detail: error instanceof Error ? error.name : "network error",
    });
  }
}

async function errorTypeOf(response: Response): Promise<string | undefined> {
  const parsed = fitbitErrorEnvelopeSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data.errors[0]?.errorType : undefined;
}

/** Exchanges a refresh token. Refresh tokens are single use: the caller must persist the new
 * pair before anyone else can need it (see token-manager.ts). */
export async function refreshFitbitToken(refreshToken: string): Promise<FitbitTokenResponse> {
  const response = await postForm("/oauth2/token", { grant_type: "refresh_token", refresh_token: refreshToken });
  if (response.status === 410) throw new FitbitTokenError({ kind: "retired" });
  if (!response.ok) {
    const errorType = await errorTypeOf(response);
    if (response.status === 400 && errorType === "invalid_grant") throw new FitbitTokenError({ kind: "invalid_grant" });
    if (response.status === 401 && errorType === "invalid_client") {
      throw new FitbitTokenError({ kind: "transient", status: 401, detail: "client credentials rejected" });
    }
    throw new FitbitTokenError({ kind: "transient", status: response.status, detail: errorType ?? "error" });
  }
  const parsed = fitbitTokenResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    throw new FitbitTokenError({ kind: "transient", status: response.status, detail: "unexpected token response" });
  }
  return parsed.data;
}

/** Revokes all of the person's tokens for Nightly at Fitbit (RFC 7009). */
export async function revokeFitbitToken(token: string): Promise<"revoked" | "retired" | "failed"> {
  try {
    const response = await postForm("/oauth2/revoke", { token });
    if (response.status === 410) return "retired";
    return response.ok ? "revoked" : "failed";
  } catch {
    return "failed";
  }
}
