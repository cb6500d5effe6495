import { sleepNightQuerySchema } from "@/lib/api-schemas/sleep";
import { defineRoute } from "@/lib/http/route";
import { getSleepNightDetail } from "@/lib/queries/sleep-night-detail";

export const dynamic = "force-dynamic";

/** One night's sleep logs with levels (hypnogram), for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  query: sleepNightQuerySchema,
  handler: ({ subject, query }) => getSleepNightDetail(subject, query.date),
});
