import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { AUDIT_ACTIONS, type AuditAction } from "./actions";

export { AUDIT_ACTIONS, type AuditAction };

export interface AuditEntry {
  action: AuditAction;
  outcome?: "ok" | "refused";
  actorId?: string | null;
  actorEmail?: string | null;
  subjectUserId?: string | null;
  studyId?: string | null;
  target?: string | null;
  details?: Prisma.InputJsonValue;
}

/**
 * Appends one entry. The table refuses UPDATE/DELETE/TRUNCATE (a trigger in the migration), so
 * this insert is the only write the application can make to it. An audit failure is logged and
 * re-thrown: an action that must be audited does not happen unaudited.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await db.auditLog.create({
      data: {
        action: entry.action,
        outcome: entry.outcome ?? "ok",
        actorId: entry.actorId ?? null,
        actorEmail: entry.actorEmail ?? null,
        subjectUserId: entry.subjectUserId ?? null,
        studyId: entry.studyId ?? null,
        target: entry.target?.slice(0, 500) ?? null,
        ...(entry.details === undefined ? {} : { details: entry.details }),
      },
    });
  } catch (error) {
    log.error("audit write failed", { action: entry.action, error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
