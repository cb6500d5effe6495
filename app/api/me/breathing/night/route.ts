import { breathingNightQuerySchema } from "@/lib/api-schemas/breathing";
import { defineRoute } from "@/lib/http/route";
import { getBreathingNight } from "@/lib/queries/breathing-night";

export const dynamic = "force-dynamic";

/** One night's breathing rates by stage for the signed-in person (a grouped range carries no nights). */
export const GET = defineRoute({
  auth: "user",
  query: breathingNightQuerySchema,
  handler: ({ subject, query }) => getBreathingNight(subject, query.date),
});
