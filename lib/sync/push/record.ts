import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import type { PushChange } from "@/lib/providers/types";
import { enqueuePush } from "./queue";

export interface VerifiedNotification {
  provider: string;
  bodyHash: string;
  providerUserId: string;
  change: PushChange;
}

/**
 * Records a notification that passed its provider's checks and queues its targeted sync. The
 * same signed body again (the provider retrying, someone replaying it) finds its hash taken and
 * changes nothing: `{ recorded: false }`, no second job.
 */
export async function recordPushNotification(notification: VerifiedNotification): Promise<{ recorded: boolean }> {
  const inserted = await db.pushNotification.createManyAndReturn({
    data: [
      {
        provider: notification.provider,
        bodyHash: notification.bodyHash,
        providerUserId: notification.providerUserId,
        operation: notification.change.operation,
        dataType: notification.change.dataType,
        intervals: notification.change.intervals as unknown as Prisma.InputJsonValue,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  const id = inserted[0]?.id;
  if (!id) {
    log.info("push notification seen before", { provider: notification.provider });
    return { recorded: false };
  }
  // A failure here leaves the record "queued"; requeueStalePush (schedule tick) picks it up.
  await enqueuePush(id).catch((error: unknown) =>
    log.warn("push job not queued yet", { id, error: error instanceof Error ? error.message : String(error) }),
  );
  return { recorded: true };
}

/** Notifications still "queued" minutes after they arrived (their job was lost): queued again. */
export async function requeueStalePush(olderThanMs = 5 * 60_000): Promise<number> {
  const stale = await db.pushNotification.findMany({
    where: { outcome: "queued", receivedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    take: 500,
  });
  for (const { id } of stale) await enqueuePush(id);
  return stale.length;
}

/** Days a notification's record (and so its replay protection) is kept: far past Google's 7 days of retries. */
export const PUSH_RETENTION_DAYS = 30;

export async function prunePushNotifications(): Promise<number> {
  const { count } = await db.pushNotification.deleteMany({
    where: { receivedAt: { lt: new Date(Date.now() - PUSH_RETENTION_DAYS * 86_400_000) } },
  });
  return count;
}
