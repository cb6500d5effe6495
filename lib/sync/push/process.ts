import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { isKnownProvider, providerById } from "@/lib/providers/registry";
import type { PushInterval } from "@/lib/providers/types";
import { enqueuePush, pushJobSchema } from "./queue";
import { runTargetedSync } from "./targeted";

/** A job finding the person busy with another run tries again this much later. */
const BUSY_RETRY_MS = 3_000;

const intervalsSchema = z.array(
  z.object({ start: z.string().nullable(), end: z.string().nullable(), civilStart: z.string().nullable(), civilEnd: z.string().nullable() }),
);

export type PushOutcome = "synced" | "unknown_user" | "not_kept" | "not_connected" | "access_refused" | "retry" | "done_before";

/**
 * Handles one `sync-push` job: the notification's person is looked up by the provider's own id
 * on their connection; nobody Nightly knows → recorded as "unknown_user" and dropped. Otherwise
 * the provider turns the change into steps and the targeted sync re-reads them. A record that
 * was already handled (a duplicate job) is left alone.
 */
export async function handlePushJob(raw: unknown, options: { signal?: AbortSignal; retryBaseMs?: number } = {}): Promise<PushOutcome> {
  const { notificationId } = pushJobSchema.parse(raw);
  const notification = await db.pushNotification.findUnique({ where: { id: notificationId } });
  if (!notification || notification.outcome !== "queued") return "done_before";
  const finish = async (outcome: Exclude<PushOutcome, "retry" | "done_before">, extra: { userId?: string; requests?: number } = {}) => {
    await db.pushNotification.update({ where: { id: notification.id }, data: { outcome, processedAt: new Date(), ...extra } });
    log.info("push notification handled", { id: notification.id, provider: notification.provider, outcome, requests: extra.requests });
    return outcome;
  };
  if (!isKnownProvider(notification.provider)) return finish("not_kept");
  const provider = providerById(notification.provider);
  const connection = await db.providerConnection.findUnique({
    where: { provider_providerUserId: { provider: provider.id, providerUserId: notification.providerUserId } },
    select: { userId: true, user: { select: { timezone: true, utcOffsetMs: true } } },
  });
  if (!connection) return finish("unknown_user");
  const intervals = intervalsSchema.safeParse(notification.intervals);
  const steps =
    provider.push && intervals.success
      ? provider.push.stepsFor(
          { operation: notification.operation === "DELETE" ? "DELETE" : "UPSERT", dataType: notification.dataType, intervals: intervals.data as PushInterval[] },
          { timezone: connection.user.timezone, utcOffsetMs: connection.user.utcOffsetMs },
        )
      : [];
  if (steps.length === 0) return finish("not_kept", { userId: connection.userId });

  const outcome = await runTargetedSync(connection.userId, provider, steps, options);
  switch (outcome.kind) {
    case "synced":
      return finish("synced", { userId: connection.userId, requests: outcome.requests });
    case "busy":
      await enqueuePush(notification.id, new Date(Date.now() + BUSY_RETRY_MS));
      return "retry";
    case "paused":
      await enqueuePush(notification.id, outcome.resumeAt);
      return "retry";
    case "stopped":
      return finish(outcome.reason, { userId: connection.userId, requests: outcome.requests });
  }
}
