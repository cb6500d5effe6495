import { SignInButton } from "@/components/sign-in-button";
import { METRIC_LABELS, type Metric, type MetricAccess, type ProviderLabel } from "@/lib/api-schemas/dashboard";

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="chart-skeleton" role="status" aria-busy="true" aria-live="polite">
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="notice notice-bad actions">
      <span>Couldn&apos;t load this: {message}</span>
      {onRetry ? (
        <button type="button" className="button button-secondary button-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Nothing in the range: either the very first sync is still running, or history is still arriving. */
export function EmptyState({ neverSynced, provider, noun = "nights" }: { neverSynced: boolean; provider: ProviderLabel; noun?: string }) {
  return (
    <div role="status" className="notice notice-info empty-state">
      {neverSynced ? (
        <p>
          Your first sync with {provider.name} is running. Your most recent {noun} arrive first, usually within a minute or two —
          this page shows them as soon as they are in.
        </p>
      ) : (
        <p>No {noun} in this range yet — your history is still syncing.</p>
      )}
    </div>
  );
}

/** A metric the person did not allow at their provider (or that the sync found unavailable). */
export function AccessNotice({
  metric,
  access,
  provider,
  callbackUrl,
}: {
  metric: Metric;
  access: MetricAccess;
  provider: ProviderLabel;
  callbackUrl: string;
}) {
  if (access.state === "ok") return null;
  if (access.state === "missing_scope") {
    return (
      <div className="notice notice-warn stack" data-testid={`missing-scope-${metric}`}>
        <p>
          You didn&apos;t allow Nightly to read {METRIC_LABELS[metric]} at {provider.name}, so there is nothing to show here.
          You can allow it on {provider.consentPage}.
        </p>
        <SignInButton label={`Ask ${provider.name} again`} callbackUrl={callbackUrl} provider={provider.id} providerName={provider.name} />
      </div>
    );
  }
  return (
    <div className="notice notice-warn" data-testid={`unavailable-${metric}`}>
      <p>
        {provider.name} doesn&apos;t make {METRIC_LABELS[metric]} available to Nightly for your account ({access.reason.replace(/_/g, " ")}).
      </p>
    </div>
  );
}
