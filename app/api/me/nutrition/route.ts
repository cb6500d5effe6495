import { nutritionQuerySchema } from "@/lib/api-schemas/nutrition";
import { resolveRange } from "@/lib/api-schemas/range";
import { defineRoute } from "@/lib/http/route";
import { cachedNutritionRange } from "@/lib/queries/cached-ranges";
import { getUserPrefs } from "@/lib/queries/user-prefs";

export const dynamic = "force-dynamic";

/** Daily calories, macros and water (in the person's units) for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  query: nutritionQuerySchema,
  handler: async ({ user, subject, query }) => {
    const prefs = await getUserPrefs(user.id);
    return cachedNutritionRange(subject, resolveRange(query, prefs.timezone), prefs.unitSystem);
  },
});
