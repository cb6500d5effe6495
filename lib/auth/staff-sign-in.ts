import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

/**
 * After a staff sign-in: keep the email current, make ADMIN_EMAILS admins (never demotes:
 * roles are otherwise managed in the admin console), and audit it.
 */
export async function onStaffSignIn(userId: string, email: string | null): Promise<void> {
  const normalized = email?.toLowerCase() ?? null;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, email: true } });
  const makeAdmin = normalized !== null && env().ADMIN_EMAILS.includes(normalized) && user.role !== "ADMIN";
  await db.user.update({ where: { id: userId }, data: { ...(normalized && normalized !== user.email ? { email: normalized } : {}), ...(makeAdmin ? { role: "ADMIN" } : {}) } });
  if (makeAdmin) {
    await recordAudit({ action: "role.change", actorId: null, actorEmail: "ADMIN_EMAILS", subjectUserId: userId, details: { from: user.role, to: "ADMIN" } });
  }
  await recordAudit({ action: "signin", actorId: userId, actorEmail: normalized, details: { provider: "oidc" } });
  log.info("staff signed in", { userId, admin: makeAdmin || user.role === "ADMIN" });
}
