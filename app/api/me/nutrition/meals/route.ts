import { mealsQuerySchema } from "@/lib/api-schemas/nutrition";
import { defineRoute } from "@/lib/http/route";
import { getMeals } from "@/lib/queries/meals";
import { getUserPrefs } from "@/lib/queries/user-prefs";

export const dynamic = "force-dynamic";

/** One day's food log grouped by meal, for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  query: mealsQuerySchema,
  handler: async ({ user, subject, query }) => {
    const prefs = await getUserPrefs(user.id);
    return getMeals(subject, query.date, prefs.unitSystem);
  },
});
