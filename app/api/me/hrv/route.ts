import { hrvQuerySchema } from "@/lib/api-schemas/hrv";
import { resolveRange } from "@/lib/api-schemas/range";
import { defineRoute } from "@/lib/http/route";
import { cachedHrvRange } from "@/lib/queries/cached-ranges";
import { getUserPrefs } from "@/lib/queries/user-prefs";

export const dynamic = "force-dynamic";

/** Daily RMSSD, deep RMSSD and personal baseline band for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  query: hrvQuerySchema,
  handler: async ({ user, subject, query }) => {
    const prefs = await getUserPrefs(user.id);
    return cachedHrvRange(subject, resolveRange(query, prefs.timezone));
  },
});
