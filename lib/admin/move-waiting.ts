import "server-only";
import { db } from "@/lib/db/client";
import { legacyProviderIds } from "@/lib/providers/registry";
import { MOVE_UPDATE_KIND } from "./notify-move";

const SHOWN = 100;

/** The people waiting to move (legacy connection retired, not moved), for the admin console. */
export async function waitingToMove() {
  const where = { provider: { in: legacyProviderIds() }, status: "RETIRED" as const, movedAt: null };
  const [people, total] = await Promise.all([
    db.providerConnection.findMany({
      where,
      orderBy: [{ moveNotifiedAt: { sort: "asc", nulls: "first" } }, { updatedAt: "desc" }],
      take: SHOWN,
      select: { userId: true, provider: true, providerUserId: true, statusReason: true, moveNotifiedAt: true, user: { select: { name: true, email: true } } },
    }),
    db.providerConnection.count({ where }),
  ]);
  return { people, total, shown: people.length };
}

/** The newest messages a deployment's mailer would send (Nightly sends none itself). */
export function recentOutbox(take = 20) {
  return db.outboxMessage.findMany({
    where: { kind: MOVE_UPDATE_KIND },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, toAddress: true, subject: true, createdAt: true, sentAt: true, user: { select: { name: true } } },
  });
}
