import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { providerById } from "@/lib/providers/registry";
import { syncedProviderOf } from "./connection-choice";
import { enqueueSync } from "./queue";

export interface ManualSyncResult {
  queued: boolean;
  /** Why nothing new was queued, in plain words. */
  note: string | null;
}

/** "Sync now": only for a live connection; a sync already queued or waiting is not doubled. */
export async function requestManualSync(userId: string): Promise<ManualSyncResult> {
  const providerId = await syncedProviderOf(userId);
  const connection = providerId
    ? await db.providerConnection.findUnique({
        where: { userId_provider: { userId, provider: providerId } },
        select: { status: true },
      })
    : null;
  if (!providerId || !connection)
    throw new AppError(409, "connection_revoked", "No data source is connected.");
  const { name } = providerById(providerId).copy;
  if (connection.status === "REVOKED")
    throw new AppError(409, "connection_revoked", `${name} is not connected.`);
  if (connection.status === "NEEDS_RECONSENT")
    throw new AppError(
      409,
      "needs_reconsent",
      `${name} needs you to sign in again to keep syncing.`,
    );
  if (connection.status === "RETIRED")
    throw new AppError(
      410,
      "provider_retired",
      `The ${name} Web API has been switched off for this connection.`,
    );
  const id = await enqueueSync(userId, "manual", { provider: providerId });
  return id
    ? { queued: true, note: null }
    : { queued: false, note: "A sync is already queued; it will include everything new." };
}
