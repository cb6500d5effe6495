import { hrvNightQuerySchema } from "@/lib/api-schemas/hrv";
import { defineRoute } from "@/lib/http/route";
import { getHrvNight } from "@/lib/queries/hrv-intraday";

export const dynamic = "force-dynamic";

/** One night's 5-minute HRV readings for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  query: hrvNightQuerySchema,
  handler: ({ user, query }) => getHrvNight(user.id, query.date),
});
