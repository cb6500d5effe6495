import { resolveRange } from "@/lib/api-schemas/range";
import { sleepQuerySchema } from "@/lib/api-schemas/sleep";
import { defineRoute } from "@/lib/http/route";
import { cachedSleepRange } from "@/lib/queries/cached-ranges";
import { getUserPrefs } from "@/lib/queries/user-prefs";

export const dynamic = "force-dynamic";

/** The signed-in person's nights in the range (always their own: the user id comes from the session). */
export const GET = defineRoute({
  auth: "user",
  query: sleepQuerySchema,
  handler: async ({ user, subject, query }) => {
    const prefs = await getUserPrefs(user.id);
    return cachedSleepRange(subject, resolveRange(query, prefs.timezone));
  },
});
