import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import type { Viewer } from "./viewer";

export interface Refusal {
  /** 404 when saying "forbidden" would reveal that the thing exists; 403 for a missing role. */
  status: 403 | 404;
  reason: string;
  target?: string | null;
  studyId?: string | null;
  subjectUserId?: string | null;
}

/** Every refusal goes through here: audited, then an error with no data in it. */
export async function refuse(viewer: Viewer | null, refusal: Refusal): Promise<never> {
  await recordAudit({
    action: "authz.refused",
    outcome: "refused",
    actorId: viewer?.id ?? null,
    studyId: refusal.studyId ?? null,
    subjectUserId: refusal.subjectUserId ?? null,
    target: refusal.target ?? null,
    details: { reason: refusal.reason, via: viewer?.via ?? "anonymous" },
  });
  throw refusal.status === 404
    ? new AppError(404, "not_found", "Not found.")
    : new AppError(403, "forbidden", "You do not have access to this.");
}
