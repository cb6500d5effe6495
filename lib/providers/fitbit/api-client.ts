import "server-only";
import type { z } from "zod";
import { env } from "@/lib/config/env";
import { markConnectionRetired } from "@/lib/connections/connections";
import { getAccessToken, refreshAfterRejection, type AccessGrant } from "@/lib/connections/token-manager";
import { ProviderApiError, type ApiRequest, type ProviderFailure, type RateLimitInfo } from "@/lib/providers/types";
import { FITBIT_PROVIDER_ID } from "./id";
import { fitbitErrorEnvelopeSchema } from "./schemas";

export type FitbitApiFailure = ProviderFailure;
/** Fitbit failures are the provider-neutral ProviderApiError (kept under this name for callers). */
export const FitbitApiError = ProviderApiError;
export type FitbitApiError = ProviderApiError;
export type { RateLimitInfo };

const fail = (failure: ProviderFailure, path: string, rateLimit: RateLimitInfo | null) =>
  new ProviderApiError(failure, path, rateLimit, FITBIT_PROVIDER_ID);

export interface FitbitResult<T> {
  data: T;
  rateLimit: RateLimitInfo | null;
}

function readRateLimit(headers: Headers): RateLimitInfo | null {
  const limit = Number(headers.get("fitbit-rate-limit-limit"));
  const remaining = Number(headers.get("fitbit-rate-limit-remaining"));
  const reset = Number(headers.get("fitbit-rate-limit-reset"));
  if (!headers.has("fitbit-rate-limit-limit") || [limit, remaining, reset].some(Number.isNaN)) return null;
  return { limit, remaining, resetSeconds: reset, observedAt: Date.now() };
}

async function send(path: string, grant: AccessGrant, method = "GET"): Promise<Response> {
  try {
    return await fetch(new URL(path, env().FITBIT_API_BASE_URL), {
      method,
      headers: {
        authorization: `Bearer ${grant.accessToken}`,
        accept: "application/json",
        // Metric units regardless of the person's locale; the UI converts for display.
        "accept-language": "en_GB",
      },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw fail({ kind: "network", detail: error instanceof Error ? error.name : "error" }, path, null);
  }
}

/**
 * GET a Fitbit Web API resource for a person and validate it with `schema`.
 * 401 goes through the token manager once (refresh, then retry); other failures become a
 * typed FitbitApiError the caller (sync, pages) decides about.
 */
export async function fitbitGet<S extends z.ZodType>(
  userId: string,
  path: string,
  schema: S,
): Promise<FitbitResult<z.infer<S>>> {
  return fitbitRequest(userId, { method: "GET", path }, schema);
}

/** Any Fitbit request (Nightly only reads; POST is for the token and revoke endpoints elsewhere). */
export async function fitbitRequest<S extends z.ZodType>(
  userId: string,
  request: ApiRequest,
  schema: S,
): Promise<FitbitResult<z.infer<S>>> {
  const path = request.path;
  let grant = await getAccessToken(userId, FITBIT_PROVIDER_ID);
  let response = await send(path, grant, request.method);
  if (response.status === 401) {
    grant = await refreshAfterRejection(grant);
    response = await send(path, grant, request.method);
  }
  const rateLimit = readRateLimit(response.headers);
  // Every caller (sync, pages, on-demand fetches) learns the same way that Fitbit is gone.
  if (response.status === 410) await markConnectionRetired(grant.connectionId);
  if (!response.ok) throw await failureFrom(response, path, rateLimit);
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw fail({ kind: "invalid_payload", issues }, path, rateLimit);
  }
  return { data: parsed.data, rateLimit };
}

async function failureFrom(response: Response, path: string, rateLimit: RateLimitInfo | null): Promise<ProviderApiError> {
  const envelope = fitbitErrorEnvelopeSchema.safeParse(await response.json().catch(() => null));
  const first = envelope.success ? envelope.data.errors[0] : undefined;
  const status = response.status;
  if (status === 429) {
    const retryAfter = Number(response.headers.get("retry-after"));
    return fail(
      { kind: "rate_limited", retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : rateLimit?.resetSeconds ?? 60 },
      path,
      rateLimit,
    );
  }
  if (status === 410) return fail({ kind: "gone" }, path, rateLimit);
  if (status === 401) return fail({ kind: "unauthorized" }, path, rateLimit);
  if (status === 403 && first?.errorType === "insufficient_scope") {
    return fail({ kind: "insufficient_scope", message: first.message ?? "" }, path, rateLimit);
  }
  if (status >= 500) return fail({ kind: "server", status }, path, rateLimit);
  return fail({ kind: "client", status, errorType: first?.errorType, message: first?.message }, path, rateLimit);
}
