/**
 * The one error type that crosses layers. `status` is the HTTP status a route answers with,
 * `code` is stable for clients and tests, `message` is safe to show a person (never a token).
 */
export type AppErrorCode =
  | "bad_request"
  | "too_large"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "rate_limited"
  | "provider_unavailable"
  | "provider_retired"
  | "needs_reconsent"
  | "connection_revoked"
  | "insufficient_scope"
  | "invalid_provider_payload"
  | "temporarily_unavailable"
  | "internal";

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: AppErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; details?: unknown };
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}
