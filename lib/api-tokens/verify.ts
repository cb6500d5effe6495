import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/authz/viewer";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashSecret } from "./secret";

/**
 * `Authorization: Bearer <token>` → the researcher behind it, or a 401 (missing, unknown,
 * revoked or expired token; a known token that is refused is audited). Each use is audited.
 */
export async function viewerFromBearer(request: Request): Promise<Viewer> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
  if (!match?.[1]) throw new AppError(401, "unauthenticated", "Send a personal API token: Authorization: Bearer <token>.");
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashSecret(match[1]) },
    select: { id: true, revokedAt: true, expiresAt: true, user: { select: { id: true, role: true } } },
  });
  const path = new URL(request.url).pathname;
  if (!token) throw new AppError(401, "unauthenticated", "This API token is not valid.");
  if (token.revokedAt || (token.expiresAt && token.expiresAt <= new Date())) {
    await recordAudit({ action: "api_token.use", outcome: "refused", actorId: token.user.id, target: path, details: { tokenId: token.id, reason: token.revokedAt ? "revoked" : "expired" } });
    throw new AppError(401, "unauthenticated", "This API token was revoked or has expired.");
  }
  await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  await recordAudit({ action: "api_token.use", actorId: token.user.id, target: path, details: { tokenId: token.id } });
  return { id: token.user.id, role: token.user.role, via: "api_token" };
}
