import { formatRelative } from "@/components/format";
import { requestLocale } from "@/lib/locale/request";
import { deploymentPushStatus } from "@/lib/sync/push/status";

/** Admin console: whether the providers' push notifications reach this deployment (server component). */
export async function PushStatus() {
  const [providers, locale] = await Promise.all([deploymentPushStatus(), requestLocale()]);
  return (
    <>
      {providers.map((p) => (
        <p key={p.providerName} data-testid="push-status" data-healthy={p.healthy} className={p.enabled && !p.healthy ? "notice notice-warn" : "muted"}>
          {!p.enabled
            ? `Push from ${p.providerName} is off on this deployment (GOOGLE_WEBHOOK_SECRET unset): new data is polled every 15 minutes.`
            : p.healthy
              ? `Push from ${p.providerName} is working: last notification ${formatRelative(p.lastNotificationAt!, locale)}, ${p.lastDay} in the last day${p.unknownLastDay > 0 ? ` (${p.unknownLastDay} for people not on Nightly, dropped)` : ""}; polling every 6 hours as a safety net.`
              : `Push from ${p.providerName} is not working: ${p.lastNotificationAt ? `no notification since ${formatRelative(p.lastNotificationAt, locale)}` : "no notification received yet"}. Polling every 15 minutes; check the subscriber's endpoint and secret.`}
        </p>
      ))}
    </>
  );
}
