import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

/** What a person's pages show about each of their connections. */
export interface PersonConnection {
  provider: string;
  status: "ACTIVE" | "NEEDS_RECONSENT" | "REVOKED" | "RETIRED";
  statusReason: string | null;
  grantedScopes: string[];
  movedAt: Date | null;
  moveNotifiedAt: Date | null;
}

/**
 * Every connection of a person, read once per page render (React `cache()`): the layout's
 * provider, the dashboard context, the sync panel and the move notice all decide from it, so an
 * uncached dashboard asks once instead of five times (decision 0020). For readers only: writers
 * (sync, sign-in, move) read through their own queries, so none sees a row from before its write.
 * Outside a React render (route handlers, the worker) every call reads anew.
 */
export const personConnections = cache(
  async (userId: string): Promise<readonly PersonConnection[]> =>
    db.providerConnection.findMany({
      where: { userId },
      select: { provider: true, status: true, statusReason: true, grantedScopes: true, movedAt: true, moveNotifiedAt: true },
    }),
);
