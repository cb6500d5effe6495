import { hrvNightQuerySchema } from "@/lib/api-schemas/hrv";
import { defineRoute } from "@/lib/http/route";
import { getHrvNight } from "@/lib/queries/hrv-intraday";
import { ensureHrvIntradayNight } from "@/lib/sync/on-demand";

export const dynamic = "force-dynamic";

/** One night's stored 5-minute HRV readings for the signed-in person (reads only). */
export const GET = defineRoute({
  auth: "user",
  query: hrvNightQuerySchema,
  handler: ({ subject, query }) => getHrvNight(subject, query.date),
});

/** Fetches an older night's 5-minute HRV from the provider when it is not stored yet (a side
 * effect on the person's hourly quota, hence POST), then answers like GET. */
export const POST = defineRoute({
  auth: "user",
  query: hrvNightQuerySchema,
  handler: async ({ user, subject, query }) => {
    await ensureHrvIntradayNight(user.id, query.date);
    return getHrvNight(subject, query.date);
  },
});
