import { RelativeTime } from "@/components/locale/relative-time";
import type { SyncPanelData } from "./sync-panel-types";

/**
 * The sync panel's "New data" line when the deployment receives the provider's push
 * notifications: whether push works (a notification within the last day) and, if not, that
 * Nightly is checking on its own every 15 minutes instead (lib/sync/push/status.ts).
 */
export function PushFacts({ push, providerName }: { push: NonNullable<SyncPanelData["push"]>; providerName: string }) {
  const last = push.lastNotificationAt ? <RelativeTime value={push.lastNotificationAt} /> : null;
  return (
    <>
      <dt>New data</dt>
      <dd data-testid="push-status" data-healthy={push.healthy}>
        {push.healthy ? (
          <>
            Sent by {providerName} as it is recorded (last notice {last}
            {push.lastPushSyncAt ? (
              <>
                , your last update <RelativeTime value={push.lastPushSyncAt} />
              </>
            ) : null}
            ); Nightly also checks every 6 hours.
          </>
        ) : last ? (
          <>
            {providerName}&apos;s notices are not arriving (last one {last}), so Nightly checks for new data every 15 minutes.
          </>
        ) : (
          // Nothing new recorded since the person connected is the usual reason, not a fault.
          `${providerName} sends a notice when new data is recorded; until the first one arrives, Nightly checks every 15 minutes.`
        )}
      </dd>
    </>
  );
}
