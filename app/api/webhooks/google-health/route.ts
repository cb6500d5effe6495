import { NextResponse } from "next/server";
import { defineWebhookRoute } from "@/lib/http/webhook-route";
import { GOOGLE_HEALTH_PROVIDER_ID } from "@/lib/providers/google/id";
import { checkGoogleWebhook } from "@/lib/providers/google/webhook/receive";
import { recordPushNotification } from "@/lib/sync/push/record";

export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/google-health: Google Health's verification handshake (200 with the
 * configured secret, 401/403 without) and its notifications (secret + signature checked, then
 * recorded, 204 at once; the targeted sync runs from the queue). docs/decisions/0017.
 */
export const POST = defineWebhookRoute({
  handler: async ({ request, body }) => {
    const checked = await checkGoogleWebhook(request.headers, body);
    if (checked.kind === "verification") return NextResponse.json({ status: "verified" });
    await recordPushNotification({ provider: GOOGLE_HEALTH_PROVIDER_ID, ...checked });
    return new Response(null, { status: 204 });
  },
});
