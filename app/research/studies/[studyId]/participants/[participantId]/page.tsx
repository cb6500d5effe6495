import type { Metadata } from "next";
import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { recordAudit } from "@/lib/audit/record";
import { requireStudyParticipantPage } from "@/lib/authz/page";
import { addDays, localToday } from "@/lib/dates";
import { getBreathing } from "@/lib/queries/breathing";
import { getHrv } from "@/lib/queries/hrv";
import { getNutrition } from "@/lib/queries/nutrition";
import { getSleepNights } from "@/lib/queries/sleep-nights";

export const metadata: Metadata = { title: "Participant" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ studyId: string; participantId: string }> };

/**
 * A participant's own charts (the dashboard's components), read-only, limited by lib/authz to
 * the study's metrics and window. Opening it is audited.
 */
export default async function ParticipantPage({ params }: Props) {
  const { studyId, participantId } = await params;
  const target = `/research/studies/${studyId}/participants/${participantId}`;
  const { study, subject, studyCode, name, user } = await requireStudyParticipantPage(studyId, participantId, target);
  await recordAudit({ action: "participant.view", actorId: user.id, studyId: study.id, subjectUserId: subject.userId, target });
  const today = localToday("UTC");
  const to = study.window.to && study.window.to < today ? study.window.to : today;
  const from = study.window.from > addDays(to, -89) ? study.window.from : addDays(to, -89);
  const range = { from, to };
  const has = (metric: (typeof study.metrics)[number]) => study.metrics.includes(metric);
  const [sleep, hrv, breathing, nutrition] = await Promise.all([
    has("sleep") ? getSleepNights(subject, range) : null,
    has("hrv") ? getHrv(subject, range) : null,
    has("breathing") ? getBreathing(subject, range) : null,
    has("nutrition") ? getNutrition(subject, range, "METRIC") : null,
  ]);
  const back = `/research/studies/${study.id}`;
  return (
    <div className="stack">
      <p>
        <Link href={back}>← {study.name}</Link>
      </p>
      <h1 data-testid="participant-heading">{name ? `${name} (${studyCode})` : studyCode}</h1>
      <p className="muted">
        Read-only · {from} – {to} · only what this study collects ({study.metrics.join(", ")}). Your viewing is recorded in the audit log.
      </p>
      <div className="small-multiples">
        {sleep ? (
          <Sparkline title="Sleep" points={sleep.nights.map((night) => ({ date: night.date, value: night.minutesAsleep === null ? null : Math.round((night.minutesAsleep / 60) * 10) / 10 }))} unit="h asleep" kind="bar" color="var(--light)" digits={1} href={`${back}/participants/${participantId}`} linkLabel="Sleep" />
        ) : null}
        {hrv ? <Sparkline title="HRV" points={hrv.days.map((day) => ({ date: day.date, value: day.dailyRmssd }))} unit="ms" kind="line" color="var(--brand)" digits={1} href={`${back}/participants/${participantId}`} linkLabel="HRV" /> : null}
        {breathing ? <Sparkline title="Breathing rate" points={breathing.days.map((day) => ({ date: day.date, value: day.full }))} unit="brpm" kind="line" color="var(--rem)" digits={1} href={`${back}/participants/${participantId}`} linkLabel="Breathing" /> : null}
        {nutrition ? <Sparkline title="Calories" points={nutrition.days.map((day) => ({ date: day.date, value: day.caloriesIn }))} unit="kcal" kind="bar" color="var(--calories)" href={`${back}/participants/${participantId}`} linkLabel="Nutrition" /> : null}
      </div>
    </div>
  );
}
