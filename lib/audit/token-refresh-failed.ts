import "server-only";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { recordAudit } from "./record";

/**
 * A provider refused (or could not answer) a token refresh: one audit entry naming the person
 * and the provider. The refresh has already failed, so a failing audit write is logged rather
 * than turning the provider's answer into our 500.
 */
export async function auditRefreshFailure(connectionId: string, reason: string): Promise<void> {
  try {
    const connection = await db.providerConnection.findUnique({ where: { id: connectionId }, select: { userId: true, provider: true, status: true } });
    await recordAudit({
      action: "token.refresh_failed",
      outcome: "ok",
      subjectUserId: connection?.userId ?? null,
      target: connection ? `connection:${connection.provider}` : null,
      details: { connectionId, reason, status: connection?.status ?? null },
    });
  } catch (error) {
    log.error("could not audit a token refresh failure", { connectionId, error: error instanceof Error ? error.message : String(error) });
  }
}
