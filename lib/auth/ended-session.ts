import "server-only";
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SESSION_COOKIES } from "./session";

/** Why an administrator ended someone's sessions; the landing page words each one. */
export const ENDED_REASONS = ["access_revoked_data_kept", "access_revoked_data_deleted"] as const;
export type EndedReason = (typeof ENDED_REASONS)[number];

/** Session tokens are bearer secrets: only their hash is kept once the session is gone. */
export function sessionTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Ends every session of a person inside the caller's transaction, remembering (by token hash)
 * why, so the browser that held one learns what happened on its next visit. Returns how many.
 */
export async function endSessions(tx: Prisma.TransactionClient, userId: string, reason: EndedReason): Promise<number> {
  const sessions = await tx.session.findMany({ where: { userId }, select: { sessionToken: true } });
  if (sessions.length > 0) {
    await tx.endedSession.createMany({
      data: sessions.map((session) => ({ tokenHash: sessionTokenHash(session.sessionToken), userId, reason })),
      skipDuplicates: true,
    });
  }
  await tx.session.deleteMany({ where: { userId } });
  return sessions.length;
}

/** The reason this browser's session was ended by an administrator, if it was. */
export async function endedSessionReason(): Promise<EndedReason | null> {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find((value) => value);
  if (!token) return null;
  const ended = await db.endedSession.findUnique({ where: { tokenHash: sessionTokenHash(token) }, select: { reason: true } });
  return ended && (ENDED_REASONS as readonly string[]).includes(ended.reason) ? (ended.reason as EndedReason) : null;
}
