import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

/**
 * The person's zone, units and history start, read once per page render (React `cache()`): the
 * dashboard context and the sync panel both need them (decision 0020). Null: no such person.
 */
export const personProfile = cache(async (userId: string) =>
  db.user.findUnique({ where: { id: userId }, select: { timezone: true, utcOffsetMs: true, unitSystem: true, memberSince: true } }),
);
