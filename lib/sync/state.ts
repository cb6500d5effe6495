import "server-only";
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

export async function recordSyncError(
  userId: string,
  provider: string,
  metric: string,
  path: string,
  kind: string,
  message: string,
  details: unknown,
): Promise<void> {
  await db.syncError.create({
    data: {
      userId,
      provider,
      metric,
      path,
      kind,
      message,
      details: details as Prisma.InputJsonValue,
    },
  });
}
