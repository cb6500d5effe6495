import type { Metadata } from "next";
import { METRIC_LABELS, type Metric } from "@/lib/api-schemas/dashboard";
import { currentUserPage } from "@/lib/auth/session";
import { fromDbDate } from "@/lib/dates";
import { legacyRetiredSetting } from "@/lib/deployment/legacy-retired";
import { AppError } from "@/lib/errors/app-error";
import { reauthorizationProvider } from "@/lib/import/shimmer/authorization-request";
import { linkSecretSchema } from "@/lib/import/shimmer/link-schema";
import { reauthorizationForLink } from "@/lib/import/shimmer/start-reauthorization";

export const metadata: Metadata = { title: "Connect your tracker again" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PROBLEMS: Record<string, string> = {
  conflict: "This link cannot be used right now: it was used already, or this deployment cannot take sign-ins from the provider yet.",
  not_found: "This link does not work.",
};

/**
 * An imported record's shareable link (issue 9 §2). Opening it changes nothing: it shows whom the
 * link is for and what joining shares, and a "Continue" button whose POST starts the consent.
 */
export default async function ReauthorizePage({ params, searchParams }: Props) {
  const { token } = await params;
  const secret = linkSecretSchema.safeParse(token);
  const record = secret.success ? await reauthorizationForLink(secret.data) : null;
  if (!record) {
    return (
      <div className="stack">
        <h1>This link does not work</h1>
        <p className="notice notice-warn" role="alert">It may have been copied incompletely. Ask the people who sent it for a new one.</p>
      </div>
    );
  }
  if (record.reauthorizedAt) {
    return (
      <div className="stack">
        <h1>Already connected</h1>
        <p className="notice notice-info" role="status">
          This link was used on {fromDbDate(record.reauthorizedAt)}. Sign in on Nightly&apos;s home page to see your nights.
        </p>
      </div>
    );
  }
  const problem = (await searchParams).problem;
  const user = await currentUserPage();
  let providerName: string | null = null;
  try {
    providerName = reauthorizationProvider((await legacyRetiredSetting()).retired).copy.name;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  const study = record.study;
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <h1>Connect your tracker to Nightly again</h1>
      <p>
        You used a sleep study app as <strong>{record.username}</strong>. It used an older way of connecting to Fitbit that no longer works. Continue to
        connect your account to Nightly again{providerName ? ` through ${providerName}` : ""}: you will see exactly what Nightly asks to read, and you can say no.
      </p>
      {study ? (
        <section className="card stack" aria-labelledby="study-heading">
          <h2 id="study-heading">You will join “{study.name}”</h2>
          {study.description ? <p>{study.description}</p> : null}
          <p>What you would share with its researchers:</p>
          <ul>
            {study.metrics.map((metric) => (
              <li key={metric}>{METRIC_LABELS[metric as Metric] ?? metric}</li>
            ))}
          </ul>
          <p className="muted">
            Only nights from {fromDbDate(study.startDate)}
            {study.endDate ? ` to ${fromDbDate(study.endDate)}` : " onwards"}. Researchers see {study.showNames ? "your name" : "only a study id, not your name"}. You can
            leave at any time from “My studies”.
          </p>
        </section>
      ) : null}
      {typeof problem === "string" ? (
        <p className="notice notice-warn" role="alert">
          {PROBLEMS[problem] ?? "Something went wrong; try again."}
        </p>
      ) : null}
      {user ? (
        <p className="notice notice-warn" role="alert" data-testid="signed-in">
          You are signed in to Nightly as {user.name ?? "someone"}. This link is for {record.username}: sign out first, then open it again.
        </p>
      ) : providerName ? (
        <form method="post" action={`/reauthorize/${token}/start`}>
          <button type="submit" className="button button-primary button-large">
            Continue
          </button>
        </form>
      ) : (
        <p className="notice notice-warn">This Nightly deployment cannot take new connections right now. Please contact the people who run it.</p>
      )}
    </div>
  );
}
