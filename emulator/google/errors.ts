/**
 * Google's two error dialects: `google.rpc.Status` on the Health API (reference §4.2; bodies
 * follow the live captures in shared/samples/google-health) and RFC 6749 `{error,
 * error_description}` on the OAuth token and revoke endpoints.
 */
import type { ServerResponse } from "node:http";
import { send } from "../http";

export type HeaderMap = Record<string, string | number>;

const JSON_TYPE = { "content-type": "application/json; charset=UTF-8" };

export function sendGoogleJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: HeaderMap = {},
): void {
  send(res, status, JSON.stringify(body, null, 2), { ...JSON_TYPE, ...headers });
}

export function sendGoogleRaw(
  res: ServerResponse,
  status: number,
  body: string,
  headers: HeaderMap = {},
): void {
  send(res, status, body, { ...JSON_TYPE, ...headers });
}

export type RpcStatus =
  | "INVALID_ARGUMENT"
  | "FAILED_PRECONDITION"
  | "ALREADY_EXISTS"
  | "UNAUTHENTICATED"
  | "PERMISSION_DENIED"
  | "NOT_FOUND"
  | "RESOURCE_EXHAUSTED"
  | "INTERNAL"
  | "UNAVAILABLE";

export interface RpcError {
  code: number;
  status: RpcStatus;
  message: string;
  details?: Record<string, unknown>[];
}

export function rpcBody(e: RpcError) {
  const error: Record<string, unknown> = { code: e.code, message: e.message, status: e.status };
  if (e.details && e.details.length > 0) error.details = e.details;
  return { error };
}

export function sendRpcError(res: ServerResponse, e: RpcError, headers: HeaderMap = {}): void {
  sendGoogleJson(res, e.code, rpcBody(e), headers);
}

export function errorInfo(reason: string, domain: string, metadata?: Record<string, string>) {
  const info: Record<string, unknown> = {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    reason,
    domain,
  };
  if (metadata) info.metadata = metadata;
  return info;
}

export function badRequest(violations: { field: string; description: string }[]) {
  return { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: violations };
}

/** Thrown by request parsing; the API core answers it as is. */
export class RpcException extends Error {
  constructor(readonly error: RpcError) {
    super(error.message);
  }
}

/** 400 INVALID_ARGUMENT with one field violation (and an ErrorInfo when a reason is known). */
export function invalidArgument(
  field: string,
  description: string,
  message = `Invalid value for ${field}: ${description}`,
  reason?: string,
): RpcException {
  const details: Record<string, unknown>[] = [];
  if (reason) details.push(errorInfo(reason, "health.googleapis.com"));
  details.push(badRequest([{ field, description }]));
  return new RpcException({ code: 400, status: "INVALID_ARGUMENT", message, details });
}

const UNAUTHENTICATED_MESSAGE =
  "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";

/** The live 401 (no details) for a bad token; an expired one adds ErrorInfo ACCESS_TOKEN_EXPIRED
 * (UNCONFIRMED for this API: Google's common form). */
export function unauthenticated(expired: boolean): RpcError {
  return {
    code: 401,
    status: "UNAUTHENTICATED",
    message: UNAUTHENTICATED_MESSAGE,
    details: expired
      ? [
          errorInfo("ACCESS_TOKEN_EXPIRED", "googleapis.com", {
            service: "health.googleapis.com",
          }),
        ]
      : undefined,
  };
}

export const WWW_AUTHENTICATE_INVALID =
  'Bearer realm="https://accounts.google.com/", error="invalid_token"';

/** 403 for a token without the route's scope (python-google-health-api fixture wording). */
export function scopeInsufficient(): RpcError {
  return {
    code: 403,
    status: "PERMISSION_DENIED",
    message: "Request had insufficient authentication scopes.",
    details: [
      errorInfo("ACCESS_TOKEN_SCOPE_INSUFFICIENT", "googleapis.com", {
        service: "health.googleapis.com",
      }),
    ],
  };
}

export function permissionDenied(message: string): RpcError {
  return { code: 403, status: "PERMISSION_DENIED", message };
}

export function notFound(message = "Requested entity was not found."): RpcError {
  return {
    code: 404,
    status: "NOT_FOUND",
    message,
    details: [errorInfo("RESOURCE_NOT_FOUND", "health.googleapis.com")],
  };
}

/** 429 in Google's common quota shape (fixture; the live body is UNCONFIRMED, reference §8). */
export function resourceExhausted(): RpcError {
  return {
    code: 429,
    status: "RESOURCE_EXHAUSTED",
    message:
      "Quota exceeded for quota metric 'Read requests per user' and limit 'Read requests per minute per user' of service 'health.googleapis.com'.",
    details: [
      errorInfo("RATE_LIMIT_EXCEEDED", "googleapis.com", {
        service: "health.googleapis.com",
        quota_limit: "ReadRequestsPerMinutePerUser",
      }),
      {
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        violations: [{ subject: "user", description: "Read requests per minute per user" }],
      },
    ],
  };
}

export const internalError = (): RpcError => ({
  code: 500,
  status: "INTERNAL",
  message: "Internal error encountered.",
});

export const unavailable = (): RpcError => ({
  code: 503,
  status: "UNAVAILABLE",
  message: "The service is currently unavailable.",
});

/** RFC 6749 §5.2 body, as Google's token endpoint writes it. */
export function sendOAuthError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  headers: HeaderMap = {},
): void {
  sendGoogleJson(
    res,
    status,
    { error, error_description: description },
    { "cache-control": "no-store", pragma: "no-cache", ...headers },
  );
}
