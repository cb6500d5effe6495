import { defineRoute } from "@/lib/http/route";
import { getSyncStatus } from "@/lib/sync/status";

export const dynamic = "force-dynamic";

/** GET /api/sync/status: the sync status panel's data for the signed-in person. */
export const GET = defineRoute({
  auth: "user",
  handler: async ({ user }) => getSyncStatus(user.id),
});
