import "server-only";
import { revokeAtProvider, type DisconnectOutcome } from "@/lib/connections/connections";
import { forgetPersonDataChanges } from "@/lib/cache/person-data-version";
import { db } from "@/lib/db/client";
import { retryOnWriteConflict } from "@/lib/db/retry-on-conflict";
import { log } from "@/lib/log";

/**
 * "Delete my data": revoke every provider grant first (while the tokens still exist), then delete
 * the person. The database cascades the rest — account links, sessions, connections with their
 * encrypted tokens, every health table and the sync state and errors — in one statement, so a
 * failure leaves everything or nothing. A provider that cannot be reached does not stop the
 * deletion: the person asked us to forget them, and the outcome says revocation was local only.
 */
export async function deleteAccount(userId: string): Promise<{ outcome: DisconnectOutcome }> {
  const connections = await db.providerConnection.findMany({
    where: { userId },
    select: { id: true, provider: true, accessTokenEnc: true, refreshTokenEnc: true },
  });
  const outcomes = await Promise.all(connections.map(revokeAtProvider));
  // The cascade fires the cohort triggers, which can deadlock with a sync commit of this person.
  await retryOnWriteConflict(() => db.user.deleteMany({ where: { id: userId } }));
  await forgetPersonDataChanges(userId);
  // Connections without tokens (already disconnected) have nothing left to revoke.
  const unrevoked = connections.some((c, index) => (c.accessTokenEnc || c.refreshTokenEnc) && outcomes[index] !== "revoked");
  const outcome: DisconnectOutcome = unrevoked ? "revoked_locally" : "revoked";
  log.info("account deleted", { userId, connections: connections.length, outcome });
  return { outcome };
}
