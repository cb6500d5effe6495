import { breathingQuerySchema } from "@/lib/api-schemas/breathing";
import { resolveRange } from "@/lib/api-schemas/range";
import { defineRoute } from "@/lib/http/route";
import { cachedBreathingRange } from "@/lib/queries/cached-ranges";
import { getUserPrefs } from "@/lib/queries/user-prefs";

export const dynamic = "force-dynamic";

/** Nightly breathing rate (full sleep and by stage) for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  query: breathingQuerySchema,
  handler: async ({ user, subject, query }) => {
    const prefs = await getUserPrefs(user.id);
    return cachedBreathingRange(subject, resolveRange(query, prefs.timezone));
  },
});
