import { hrvNightQuerySchema } from "@/lib/api-schemas/hrv";
import { defineRoute } from "@/lib/http/route";
import { getHrvNight } from "@/lib/queries/hrv-intraday";
import { ensureHrvIntradayNight } from "@/lib/sync/on-demand";

export const dynamic = "force-dynamic";

/** One night's 5-minute HRV readings for the signed-in person (older nights fetched on demand). */
export const GET = defineRoute({
  auth: "user",
  query: hrvNightQuerySchema,
  handler: async ({ user, subject, query }) => {
    await ensureHrvIntradayNight(user.id, query.date);
    return getHrvNight(subject, query.date);
  },
});
