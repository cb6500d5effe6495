import "server-only";
import { db } from "@/lib/db/client";
import { legacyProviderIds } from "@/lib/providers/registry";

/** Where the deployment's legacy participants stand in the move to the successor provider. */
export interface MoveCounts {
  /** Joined their successor connection (history kept). */
  moved: number;
  /** Legacy API retired, not moved yet. */
  waiting: number;
  /** Of the waiting: tried with an account that named another or no legacy account. */
  mismatched: number;
}

/** Counted in PostgreSQL, for the admin console (issue 9 §1). */
export async function moveCounts(): Promise<MoveCounts> {
  const [row] = await db.$queryRaw<Array<{ moved: bigint; waiting: bigint; mismatched: bigint }>>`
    WITH legacy AS (
      SELECT c."userId", c."movedAt", c.status,
        EXISTS (SELECT 1 FROM "AuditLog" a
                WHERE a."subjectUserId" = c."userId" AND a.action = 'signin.refused'
                  AND a.details->>'reason' IN ('move_mismatch', 'move_no_legacy')) AS refused
      FROM "ProviderConnection" c
      WHERE c.provider = ANY(${legacyProviderIds()}))
    SELECT count(*) FILTER (WHERE "movedAt" IS NOT NULL) AS moved,
           count(*) FILTER (WHERE "movedAt" IS NULL AND status = 'RETIRED') AS waiting,
           count(*) FILTER (WHERE "movedAt" IS NULL AND status = 'RETIRED' AND refused) AS mismatched
    FROM legacy`;
  return { moved: Number(row?.moved ?? 0), waiting: Number(row?.waiting ?? 0), mismatched: Number(row?.mismatched ?? 0) };
}
