import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

/**
 * A person's sync state with one provider, read once per page render (React `cache()`): the
 * dashboard context and the sync panel both show it (decision 0020). For readers only; the
 * engine reads and writes it through lib/sync/state.ts.
 */
export const personSyncState = cache(async (userId: string, provider: string) =>
  db.syncState.findUnique({ where: { userId_provider: { userId, provider } } }),
);
