import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

/**
 * The time zone the signed-in viewer's moments are shown in (admin and research pages): their
 * provider profile's IANA zone, or null (shown as UTC) when Nightly has none. Once per request.
 */
export const viewerTimeZone = cache(async (userId: string): Promise<string | null> => {
  const user = await db.user.findUnique({ where: { id: userId }, select: { timezone: true } });
  return user?.timezone ?? null;
});
