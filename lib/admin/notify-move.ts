import "server-only";
import type { Viewer } from "@/lib/authz/viewer";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { legacyProviderIds, providerById, successorProviderOf } from "@/lib/providers/registry";

export const MOVE_UPDATE_KIND = "move.update_link";

/** Where a waiting person updates their connection (signs in with the successor). */
export function updateLinkUrl(): string {
  return new URL("/update-connection", env().NEXTAUTH_URL).toString();
}

/**
 * "Send the update link again" to one waiting person or to everyone waiting (issue 9 §1).
 * Nightly has no mail server: each message goes into the outbox a deployment's mailer would
 * read (decision 0018), the person's legacy connection records when they were asked, so their
 * dashboard notice says so, and each person gets an audit entry. One transaction.
 */
export async function notifyWaiting(admin: Viewer, only?: string): Promise<{ notified: number }> {
  const waiting = await db.providerConnection.findMany({
    where: {
      provider: { in: legacyProviderIds() },
      status: "RETIRED",
      movedAt: null,
      ...(only ? { userId: only } : {}),
      // Someone already connected to the successor has nothing to update.
      user: { connections: { none: { provider: { in: successorIds() }, status: "ACTIVE" } } },
    },
    select: { id: true, userId: true, provider: true, user: { select: { name: true, email: true } } },
  });
  if (only && waiting.length === 0) throw new AppError(409, "conflict", "That person is not waiting to update their connection.");
  const now = new Date();
  const link = updateLinkUrl();
  await db.$transaction(async (tx) => {
    await tx.outboxMessage.createMany({
      data: waiting.map((connection) => ({
        userId: connection.userId,
        kind: MOVE_UPDATE_KIND,
        toAddress: connection.user.email,
        createdById: admin.id,
        createdAt: now,
        ...message(connection.provider, connection.user.name, link),
      })),
    });
    await tx.providerConnection.updateMany({ where: { id: { in: waiting.map((connection) => connection.id) } }, data: { moveNotifiedAt: now } });
    await tx.auditLog.createMany({
      data: waiting.map((connection) => ({
        action: "move.notify",
        outcome: "ok",
        actorId: admin.id,
        subjectUserId: connection.userId,
        target: link,
        details: { to: connection.user.email ? "email" : "no_address", scope: only ? "one" : "everyone" },
      })),
    });
  });
  log.info("move update link queued", { notified: waiting.length, adminId: admin.id });
  return { notified: waiting.length };
}

function successorIds(): string[] {
  return legacyProviderIds().flatMap((id) => successorProviderOf(id)?.id ?? []);
}

function message(legacyId: string, name: string | null, link: string): { subject: string; body: string } {
  const legacy = providerById(legacyId).copy.name;
  const successor = successorProviderOf(legacyId)?.copy.name ?? "the new sign-in";
  return {
    subject: "Update your Nightly connection",
    body: [
      `Hello${name ? ` ${name}` : ""},`,
      "",
      `${legacy} has switched off the connection Nightly used for your sleep data. Your history is safe.`,
      `Sign in with ${successor}, where ${legacy} accounts live now, and your nights continue with no gap:`,
      link,
    ].join("\n"),
  };
}
