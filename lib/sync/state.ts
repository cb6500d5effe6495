import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import type { SyncProgress } from "./plan";

/** Reading the JSON columns of SyncState back, tolerating anything an older version wrote.
 * Each metric's cursor stays opaque: the provider's plan validates its own. */
const progressSchema = z.record(z.string(), z.unknown());

export function progressOf(value: unknown): SyncProgress {
  const parsed = progressSchema.safeParse(value);
  return parsed.success ? (parsed.data as SyncProgress) : {};
}

export function unavailableOf(value: unknown): Record<string, string> {
  const parsed = z.record(z.string(), z.string()).safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** A chunk a run gave up on after several tries: its dates and the reason, shown to the person. */
export interface SkippedChunk {
  metric: string;
  start: string;
  end: string;
  reason: string;
  at: string;
}

const skippedSchema = z.array(
  z.object({ metric: z.string(), start: z.string(), end: z.string(), reason: z.string(), at: z.string() }),
);

export function skippedOf(value: unknown): SkippedChunk[] {
  const parsed = skippedSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Sync problems are kept this long after they were last seen, and at most this many per source. */
export const SYNC_ERROR_RETENTION_DAYS = 30;
export const SYNC_ERRORS_KEPT = 100;

/**
 * Records a sync problem once: the same problem (metric, kind, request, message) seen again
 * only counts up and moves `lastSeenAt`, so a chunk retried on every sync is one row, not
 * thousands. Old problems are pruned here too, so the table stays bounded per person.
 */
export async function recordSyncError(
  userId: string,
  provider: string,
  metric: string,
  path: string,
  kind: string,
  message: string,
  details: unknown,
): Promise<void> {
  const fingerprint = createHash("sha256").update(JSON.stringify([metric, kind, path, message])).digest("hex").slice(0, 32);
  const now = new Date();
  await db.syncError.upsert({
    where: { userId_provider_fingerprint: { userId, provider, fingerprint } },
    create: { userId, provider, fingerprint, metric, path, kind, message, details: details as Prisma.InputJsonValue, lastSeenAt: now },
    update: { occurrences: { increment: 1 }, lastSeenAt: now, details: details as Prisma.InputJsonValue },
  });
  await db.$executeRaw`
    DELETE FROM "SyncError" e
    WHERE e."userId" = ${userId} AND e."provider" = ${provider}
      AND (e."lastSeenAt" < ${new Date(now.getTime() - SYNC_ERROR_RETENTION_DAYS * 86_400_000)}
        OR e."id" NOT IN (
          SELECT k."id" FROM "SyncError" k
          WHERE k."userId" = ${userId} AND k."provider" = ${provider}
          ORDER BY k."lastSeenAt" DESC LIMIT ${SYNC_ERRORS_KEPT}))`;
}
