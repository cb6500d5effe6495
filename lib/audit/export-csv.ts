import "server-only";
import { db } from "@/lib/db/client";
import { csvLines } from "@/lib/research/export/csv";
import type { AuditFilters } from "./filters";
import { auditWhere } from "./search";

export const AUDIT_CSV_COLUMNS = ["id", "at", "action", "outcome", "actor_id", "actor_email", "subject_user_id", "study_id", "target", "details"] as const;

/** Spreadsheet programs run a cell starting with = + - @ as a formula; a leading quote stops that. */
function cell(value: string | null): string {
  const text = value ?? "";
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The filtered audit log as CSV, streamed a batch at a time (keyset on id, newest first), so a
 * log of millions of entries never sits in memory.
 */
export async function streamAuditCsv(filters: AuditFilters, batchSize = 1000): Promise<ReadableStream<Uint8Array>> {
  const where = await auditWhere({ ...filters, before: undefined });
  const encoder = new TextEncoder();
  let before: bigint | null = filters.before ? BigInt(filters.before) : null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLines([[...AUDIT_CSV_COLUMNS]])));
        return;
      }
      const batch = await db.auditLog.findMany({
        where: before === null ? where : { AND: [where, { id: { lt: before } }] },
        orderBy: { id: "desc" },
        take: batchSize,
      });
      if (batch.length === 0) {
        controller.close();
        return;
      }
      before = batch.at(-1)!.id;
      const records = batch.map((entry) => [
        String(entry.id),
        entry.at.toISOString(),
        cell(entry.action),
        cell(entry.outcome),
        cell(entry.actorId),
        cell(entry.actorEmail),
        cell(entry.subjectUserId),
        cell(entry.studyId),
        cell(entry.target),
        cell(entry.details === null ? null : JSON.stringify(entry.details)),
      ]);
      controller.enqueue(encoder.encode(csvLines(records)));
      if (batch.length < batchSize) controller.close();
    },
  });
}
