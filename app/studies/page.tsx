import type { Metadata } from "next";
import { LeaveStudyButton } from "@/components/studies/leave-study-button";
import { METRIC_LABELS, type Metric } from "@/lib/api-schemas/dashboard";
import { requireSelfPage } from "@/lib/authz/page";
import { fromDbDate } from "@/lib/dates";
import { requestFormatter } from "@/lib/locale/request";
import { myStudiesAsParticipant } from "@/lib/research/studies";

export const metadata: Metadata = { title: "My studies" };
export const dynamic = "force-dynamic";

/** The studies a person takes part in, exactly what each can see, and a way out of each. */
export default async function MyStudiesPage() {
  const { user } = await requireSelfPage();
  const [studies, f] = await Promise.all([myStudiesAsParticipant(user.id), requestFormatter()]);
  return (
    <div className="stack">
      <h1>My studies</h1>
      {studies.length === 0 ? (
        <p className="muted" data-testid="my-studies-empty">
          You are not taking part in any study. A research team will send you a link if they would like you to join.
        </p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid="my-studies">
          {studies.map((enrolment) => (
            <li key={enrolment.id} className="card stack">
              <h2>{enrolment.study.name}</h2>
              <dl className="facts">
                <dt>Your study id</dt>
                <dd>{enrolment.studyCode}</dd>
                <dt>What the research team sees</dt>
                <dd>{enrolment.study.metrics.map((metric) => METRIC_LABELS[metric as Metric] ?? metric).join(", ")}</dd>
                <dt>For nights</dt>
                <dd>
                  from {f.date(fromDbDate(enrolment.study.startDate))}
                  {enrolment.study.endDate ? ` to ${f.date(fromDbDate(enrolment.study.endDate))}` : " onwards, until you leave"}
                </dd>
                <dt>Joined</dt>
                <dd>{f.date(enrolment.enrolledAt.toISOString().slice(0, 10))}</dd>
              </dl>
              <LeaveStudyButton studyId={enrolment.study.id} studyName={enrolment.study.name} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
