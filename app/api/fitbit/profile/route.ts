import { defineRoute } from "@/lib/http/route";
import { toAppError } from "@/lib/providers/fitbit/errors";
import { refreshProfile } from "@/lib/providers/fitbit/profile";

export const dynamic = "force-dynamic";

/** The signed-in person's Fitbit profile, read live from Fitbit (refreshing tokens as needed). */
export const GET = defineRoute({
  auth: "user",
  handler: async ({ user }) => {
    try {
      return { profile: await refreshProfile(user.id) };
    } catch (error) {
      throw toAppError(error);
    }
  },
});
