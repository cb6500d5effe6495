import { defineRoute } from "@/lib/http/route";
import { toAppError } from "@/lib/providers/fitbit/errors";
import { refreshProfile } from "@/lib/providers/fitbit/profile";

export const dynamic = "force-dynamic";

/** Refreshes the signed-in person's profile from Fitbit (refreshing tokens as needed) and stores
 * it: a side effect, hence POST. */
export const POST = defineRoute({
  auth: "user",
  handler: async ({ user }) => {
    try {
      return { profile: await refreshProfile(user.id) };
    } catch (error) {
      throw toAppError(error);
    }
  },
});
