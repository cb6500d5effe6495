import "server-only";
import { moveStateFrom, type MoveStateConnection } from "@/lib/connections/move";
import { db } from "@/lib/db/client";
import { isKnownProvider, providerById } from "@/lib/providers/registry";

/** Where a participant stands in the move to the successor provider, in plain words (issue 9 §1). */
export interface CohortMoveState {
  state: "moved" | "waiting" | "refused" | "none";
  label: string;
}

const providerName = (id: string) => (isKnownProvider(id) ? providerById(id).copy.name : id);

/**
 * The move state of the participants of one cohort-table page, from their connections (read
 * with the page, newest first), decided by moveStateOf's rule (lib/connections/move.ts); for
 * those waiting, one more query finds the reason of their latest refused update (an account
 * naming another or no legacy account, as the admin console counts them).
 */
export async function cohortMoveStates(page: ReadonlyArray<{ userId: string; connections: MoveStateConnection[] }>): Promise<Map<string, CohortMoveState>> {
  const states = new Map<string, CohortMoveState>();
  const byUser = new Map(page.map((row) => [row.userId, row.connections]));
  const userIds = page.map((row) => row.userId);
  const waiting = new Map<string, { legacy: string; successor: string }>();
  for (const userId of userIds) {
    const mine = byUser.get(userId) ?? [];
    const move = moveStateFrom(mine);
    if (move.state === "moved") states.set(userId, { state: "moved", label: `${move.successor.name} (moved from ${move.legacy} on ${move.movedAt.toISOString().slice(0, 10)})` });
    else if (move.state === "waiting") {
      states.set(userId, { state: "waiting", label: `${move.legacy} — waiting to update to ${move.successor.name}` });
      waiting.set(userId, { legacy: move.legacy, successor: move.successor.name });
    } else {
      const shown = mine.find((c) => c.status === "ACTIVE") ?? mine[0];
      states.set(userId, { state: "none", label: shown ? providerName(shown.provider) : "Not connected" });
    }
  }
  if (waiting.size > 0) {
    const refusals = await db.$queryRaw<Array<{ userId: string; reason: string }>>`
      SELECT DISTINCT ON (a."subjectUserId") a."subjectUserId" AS "userId", a.details->>'reason' AS reason
      FROM "AuditLog" a
      WHERE a.action = 'signin.refused' AND a."subjectUserId" = ANY(${[...waiting.keys()]}) AND a.details->>'reason' IN ('move_mismatch', 'move_no_legacy')
      ORDER BY a."subjectUserId", a.at DESC`;
    for (const refusal of refusals) {
      const move = waiting.get(refusal.userId)!;
      const label = refusal.reason === "move_mismatch" ? "Update refused: different account" : `Update refused: that ${move.successor} account has no ${move.legacy} linked`;
      states.set(refusal.userId, { state: "refused", label });
    }
  }
  return states;
}
