import { SignInButton } from "@/components/sign-in-button";
import { METRIC_LABELS, METRICS, type DashboardContext } from "@/lib/api-schemas/dashboard";

/** One notice for every permission the person withheld, with a single "Ask <provider> again". */
export function MissingPermissionsNotice({
  access,
  provider,
  callbackUrl,
}: {
  access: DashboardContext["access"];
  provider: DashboardContext["provider"];
  callbackUrl: string;
}) {
  const missing = METRICS.filter((metric) => access[metric].state === "missing_scope");
  if (missing.length === 0) return null;
  const names = missing.map((metric) => METRIC_LABELS[metric]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return (
    <div className="notice notice-warn stack" data-testid="missing-permissions">
      <p>
        You didn&apos;t allow Nightly to read {list} at {provider.name}, so {names.length === 1 ? "it is" : "they are"} neither
        fetched nor shown. You can allow {names.length === 1 ? "it" : "them"} on {provider.consentPage}.
      </p>
      <SignInButton label={`Ask ${provider.name} again`} callbackUrl={callbackUrl} provider={provider.id} providerName={provider.name} />
    </div>
  );
}
