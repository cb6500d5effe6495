import { breathingQuerySchema } from "@/lib/api-schemas/breathing";
import { resolveRange } from "@/lib/api-schemas/range";
import { defineRoute } from "@/lib/http/route";
import { getBreathingRange } from "@/lib/queries/breathing-range";
import { getUserPrefs } from "@/lib/queries/user-prefs";

export const dynamic = "force-dynamic";

/** Nightly breathing rate (full sleep and by stage) for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  query: breathingQuerySchema,
  handler: async ({ user, subject, query }) => {
    const prefs = await getUserPrefs(user.id);
    return getBreathingRange(subject, resolveRange(query, prefs.timezone));
  },
});
