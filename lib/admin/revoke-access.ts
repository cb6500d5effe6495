import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/authz/viewer";
import { endSessions } from "@/lib/auth/ended-session";
import { revokeAtProvider, type DisconnectOutcome } from "@/lib/connections/connections";
import { db } from "@/lib/db/client";
import { retryOnWriteConflict } from "@/lib/db/retry-on-conflict";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { providerById, isKnownProvider } from "@/lib/providers/registry";
import { cancelQueuedSyncs } from "@/lib/sync/cancel-jobs";
import { deleteSyncedData } from "./delete-synced-data";

export const REVOKED_BY_ADMIN_REASON = "An administrator revoked Nightly's access to this account.";

export interface RevokeAccessResult {
  /** Per provider: revoked at the provider, or only deleted here (provider unreachable). */
  providers: { provider: string; name: string; outcome: DisconnectOutcome }[];
  sessionsEnded: number;
  jobsCancelled: number;
  apiTokensRevoked: number;
  /** Rows of synced data deleted, or null when the admin chose to keep the data. */
  rowsDeleted: number | null;
}

/**
 * An administrator cuts a person off, in an order that leaves no gap:
 * 1. revoke every grant at its provider while the tokens still exist (never throws: an
 *    unreachable provider still gets the local deletion, and the result says so);
 * 2. in one transaction: connections REVOKED without tokens, sessions ended (remembered by hash
 *    so their browser is told why), personal API tokens revoked, synced data deleted if chosen;
 * 3. cancel queued and scheduled sync jobs (none can be queued any more: no ACTIVE connection);
 * 4. the audit entry.
 */
export async function revokeAccess(admin: Viewer, userId: string, data: "keep" | "delete"): Promise<RevokeAccessResult> {
  if (userId === admin.id) throw new AppError(409, "conflict", "You cannot revoke your own access here.");
  const person = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!person) throw new AppError(404, "not_found", "No such user.");

  const connections = await db.providerConnection.findMany({
    where: { userId },
    select: { id: true, provider: true, accessTokenEnc: true, refreshTokenEnc: true },
  });
  const providers = await Promise.all(
    connections.map(async (connection) => ({
      provider: connection.provider,
      name: isKnownProvider(connection.provider) ? providerById(connection.provider).copy.name : connection.provider,
      // A connection with no tokens left has nothing to revoke at the provider.
      outcome: connection.accessTokenEnc || connection.refreshTokenEnc ? await revokeAtProvider(connection) : ("revoked" as const),
    })),
  );

  // The cohort triggers lock a person's rows at commit, so a sync committing for the same person
  // can deadlock with this; every statement here is idempotent, so a deadlocked attempt is retried.
  const { sessionsEnded, apiTokensRevoked, rowsDeleted } = await retryOnWriteConflict(() => db.$transaction(
    async (tx) => {
      await tx.providerConnection.updateMany({
        where: { userId },
        data: {
          status: "REVOKED",
          statusReason: REVOKED_BY_ADMIN_REASON,
          accessTokenEnc: null,
          refreshTokenEnc: null,
          accessTokenExpiresAt: null,
          tokenVersion: { increment: 1 },
        },
      });
      await tx.tokenRefreshInFlight.deleteMany({ where: { connection: { userId } } });
      const sessionsEnded = await endSessions(tx, userId, data === "delete" ? "access_revoked_data_deleted" : "access_revoked_data_kept");
      const apiTokensRevoked = (await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } })).count;
      const rowsDeleted = data === "delete" ? await deleteSyncedData(tx, userId) : null;
      return { sessionsEnded, apiTokensRevoked, rowsDeleted };
    },
    { timeout: 60_000 },
  ));

  const jobsCancelled = await cancelQueuedSyncs(userId);
  const result: RevokeAccessResult = { providers, sessionsEnded, jobsCancelled, apiTokensRevoked, rowsDeleted };
  await recordAudit({ action: "access.revoke", actorId: admin.id, subjectUserId: userId, details: { ...result, data } });
  log.info("access revoked by an administrator", { userId, data, sessionsEnded, jobsCancelled });
  return result;
}
