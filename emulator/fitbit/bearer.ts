/**
 * Bearer-token checks shared by the data API and introspection (reference §4 canonical bodies).
 * Order matters to clients: revoked or unknown beats expired, because auto-refreshing clients
 * key on `expired_token` and a refresh cannot rescue a revoked grant.
 */
import { VISIT } from "../types";
import type { AccessToken, TokenStore } from "./tokens";

export type BearerAuth =
  | { ok: true; token: string; record: AccessToken }
  | { ok: false; errorType: string; message: string; token: string | null };

export function authenticateBearer(
  tokens: TokenStore,
  header: string | undefined,
  nowMs: number,
): BearerAuth {
  // UNCONFIRMED: a non-Bearer scheme is answered like a missing header (401, see §4 on 400 vs 401).
  const match = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match)
    return {
      ok: false,
      errorType: "invalid_request",
      message: "Authorization header required.",
      token: null,
    };
  const token = match[1]!;
  const record = tokens.findAccessToken(token);
  if (!record || record.revoked) {
    return {
      ok: false,
      errorType: "invalid_token",
      message: `Access token invalid: ${token}.${VISIT}`,
      token,
    };
  }
  if (nowMs >= record.expiresAtMs) {
    return {
      ok: false,
      errorType: "expired_token",
      message: `Access token expired: ${token}.${VISIT}`,
      token,
    };
  }
  return { ok: true, token, record };
}

/** The body a 401 `expired_token` carries; also used by the `expired_token` fault. */
export function expiredTokenMessage(token: string): string {
  return `Access token expired: ${token}.${VISIT}`;
}
