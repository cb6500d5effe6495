import "server-only";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

const DAY_MS = 86_400_000;

/**
 * Connections that can no longer be used — the person must consent again (NEEDS_RECONSENT) or the
 * provider switched the API off (RETIRED) — keep their encrypted tokens only for
 * DEAD_CONNECTION_TOKEN_DAYS, then drop them. Nothing else updates a dead connection (sync
 * skips it; a new sign-in makes it ACTIVE), so `updatedAt` is when it died.
 */
export async function purgeDeadConnectionTokens(now: Date = new Date(), days: number = env().DEAD_CONNECTION_TOKEN_DAYS): Promise<number> {
  const { count } = await db.providerConnection.updateMany({
    where: {
      status: { in: ["NEEDS_RECONSENT", "RETIRED"] },
      updatedAt: { lt: new Date(now.getTime() - days * DAY_MS) },
      OR: [{ accessTokenEnc: { not: null } }, { refreshTokenEnc: { not: null } }],
    },
    data: { accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, tokenVersion: { increment: 1 } },
  });
  if (count > 0) log.info("dropped tokens of dead connections", { connections: count, afterDays: days });
  return count;
}
