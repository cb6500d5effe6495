import type { Metadata } from "next";
import { ActionForm } from "@/components/research/action-form";
import { ProviderSignIn } from "@/components/research/provider-sign-in";
import { METRIC_LABELS, type Metric } from "@/lib/api-schemas/dashboard";
import { currentUser } from "@/lib/auth/session";
import { participantSignInOptions } from "@/lib/auth/sign-in-options";
import { recordAudit } from "@/lib/audit/record";
import { fromDbDate } from "@/lib/dates";
import { enrolSchema } from "@/lib/research/schemas";
import { studyForLink } from "@/lib/research/studies";
import { enrolAction } from "../../research/actions";

export const metadata: Metadata = { title: "Join a study" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** What an enrolment link shows: the study, who runs it, exactly what is shared; then sign in and join. */
export default async function EnrolPage({ params }: Props) {
  const { token } = await params;
  const valid = enrolSchema.safeParse({ token });
  const found = valid.success ? await studyForLink(token) : null;
  const user = await currentUser();
  if (!found) {
    await recordAudit({ action: "study.enrol", outcome: "refused", actorId: user?.id ?? null, details: { reason: "link revoked, expired or unknown" } });
    return (
      <div className="stack">
        <h1>This link no longer works</h1>
        <p className="notice notice-warn" role="alert">The enrolment link was revoked, has expired, or was copied incompletely. Ask the research team for a new one.</p>
      </div>
    );
  }
  const { study } = found;
  const team = study.members.map((member) => member.user.name ?? member.user.email).filter(Boolean).join(", ");
  return (
    <div className="stack">
      <h1>Join “{study.name}”</h1>
      {study.description ? <p>{study.description}</p> : null}
      <section className="card stack" aria-labelledby="shared-heading">
        <h2 id="shared-heading">What you would share</h2>
        <p>Run by {team || "the research team"}.</p>
        <ul>
          {study.metrics.map((metric) => (
            <li key={metric}>{METRIC_LABELS[metric as Metric] ?? metric}</li>
          ))}
        </ul>
        <p>
          Only nights from {fromDbDate(study.startDate)}
          {study.endDate ? ` to ${fromDbDate(study.endDate)}` : " onwards"}. Researchers see {study.showNames ? "your name" : "only a study id, not your name"}. You can leave at any
          time from “My studies”; sharing stops at that moment.
        </p>
      </section>
      {user ? (
        <ActionForm action={enrolAction} submitLabel="Join the study" pendingLabel="Joining…">
          <input type="hidden" name="token" value={token} />
        </ActionForm>
      ) : (
        <section className="stack">
          <p>Sign in with your tracker account, allow the data listed above, then come back here to join.</p>
          <ProviderSignIn providers={participantSignInOptions()} callbackUrl={`/enrol/${token}`} />
        </section>
      )}
    </div>
  );
}
