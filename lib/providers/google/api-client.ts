import "server-only";
import type { z } from "zod";
import { env } from "@/lib/config/env";
import { getAccessToken, refreshAfterRejection, type AccessGrant } from "@/lib/connections/token-manager";
import { ProviderApiError, type ApiRequest, type ApiResult, type ProviderFailure } from "@/lib/providers/types";
import { GOOGLE_HEALTH_PROVIDER_ID } from "./id";
import { googleErrorSchema } from "./schemas";

const fail = (failure: ProviderFailure, path: string) =>
  new ProviderApiError(failure, path, null, GOOGLE_HEALTH_PROVIDER_ID);

async function send(request: ApiRequest, accessToken: string): Promise<Response> {
  try {
    return await fetch(new URL(request.path, env().GOOGLE_HEALTH_API_BASE_URL), {
      method: request.method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: "application/json",
        ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw fail({ kind: "network", detail: error instanceof Error ? error.name : "error" }, request.path);
  }
}

/**
 * A Google Health API request for a person, validated with `schema`. 401 → one refresh through
 * the token manager, then one retry; every other failure becomes a ProviderApiError. Google
 * reports no quota headers: the requester counts the 300-per-minute budget itself.
 */
export async function googleRequest<S extends z.ZodType>(
  userId: string,
  request: ApiRequest,
  schema: S,
): Promise<ApiResult<z.infer<S>>> {
  let grant: AccessGrant = await getAccessToken(userId, GOOGLE_HEALTH_PROVIDER_ID);
  let response = await send(request, grant.accessToken);
  if (response.status === 401) {
    grant = await refreshAfterRejection(grant);
    response = await send(request, grant.accessToken);
  }
  if (!response.ok) throw await failureFrom(response, request.path);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw fail({ kind: "invalid_payload", issues }, request.path);
  }
  return { data: parsed.data, rateLimit: null };
}

/** google.rpc.Status → the provider-neutral failure. */
export async function failureFrom(response: Response, path: string): Promise<ProviderApiError> {
  const body = googleErrorSchema.safeParse(await response.json().catch(() => null));
  const error = body.success ? body.data.error : undefined;
  const reasons = (error?.details ?? []).map((d) => d.reason).filter(Boolean);
  const status = response.status;
  if (status === 429 || error?.status === "RESOURCE_EXHAUSTED") {
    // Google sends no Retry-After as a rule; the per-minute window is over within 60 s.
    const retryAfter = Number(response.headers.get("retry-after"));
    return fail({ kind: "rate_limited", retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60 }, path);
  }
  if (status === 401) return fail({ kind: "unauthorized" }, path);
  if (status === 403 && (reasons.includes("ACCESS_TOKEN_SCOPE_INSUFFICIENT") || error?.status === "PERMISSION_DENIED"))
    return fail({ kind: "insufficient_scope", message: error?.message ?? "" }, path);
  if (status === 410) return fail({ kind: "gone" }, path);
  if (status >= 500) return fail({ kind: "server", status }, path);
  return fail({ kind: "client", status, errorType: reasons[0] ?? error?.status, message: error?.message }, path);
}
