import { defineRoute } from "@/lib/http/route";
import { requestManualSync } from "@/lib/sync/manual";

/** POST /api/sync: "Sync now" for the signed-in person. */
export const POST = defineRoute({
  auth: "user",
  handler: async ({ user }) => requestManualSync(user.id),
});
