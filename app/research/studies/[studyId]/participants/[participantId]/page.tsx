import type { Metadata } from "next";
import Link from "next/link";
import { BreathingChart } from "@/components/charts/breathing-charts";
import { HrvChart } from "@/components/charts/hrv-charts";
import { NutritionChart } from "@/components/charts/nutrition-charts";
import { SleepStagesChart, TimeAsleepChart } from "@/components/charts/sleep-charts";
import { recordAudit } from "@/lib/audit/record";
import { requireStudyParticipantPage } from "@/lib/authz/page";
import { requestFormatter } from "@/lib/locale/request";
import { getBreathing } from "@/lib/queries/breathing";
import { getHrv } from "@/lib/queries/hrv";
import { getNutrition } from "@/lib/queries/nutrition";
import { getSleepNights } from "@/lib/queries/sleep-nights";
import { clipToStudy, defaultChartRange } from "@/lib/research/cohort-charts";
import { cohortChartsQuerySchema } from "@/lib/research/schemas";

export const metadata: Metadata = { title: "Participant" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ studyId: string; participantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A participant's own charts (the dashboard's components), read-only, limited by lib/authz to
 * the study's metrics and window. Opening it is audited.
 */
export default async function ParticipantPage({ params, searchParams }: Props) {
  const { studyId, participantId } = await params;
  const target = `/research/studies/${studyId}/participants/${participantId}`;
  const { study, subject, studyCode, name, user } = await requireStudyParticipantPage(studyId, participantId, target);
  await recordAudit({ action: "participant.view", actorId: user.id, studyId: study.id, subjectUserId: subject.userId, target });
  const parsed = cohortChartsQuerySchema.safeParse(await searchParams);
  const fallback = defaultChartRange(study);
  const requested = parsed.success && parsed.data.from && parsed.data.to ? { from: parsed.data.from, to: parsed.data.to } : fallback;
  const range = clipToStudy(study, requested) ?? fallback;
  const has = (metric: (typeof study.metrics)[number]) => study.metrics.includes(metric);
  const [sleep, hrv, breathing, nutrition] = await Promise.all([
    has("sleep") ? getSleepNights(subject, range) : null,
    has("hrv") ? getHrv(subject, range) : null,
    has("breathing") ? getBreathing(subject, range) : null,
    has("nutrition") ? getNutrition(subject, range, "METRIC") : null,
  ]);
  const f = await requestFormatter();
  const windowText = `${f.date(study.window.from)} – ${study.window.to ? f.date(study.window.to) : "open"}`;
  const empty = (sleep?.nightCount ?? 0) === 0 && !hrv?.days.some((day) => day.dailyRmssd !== null) && !breathing?.days.some((day) => day.full !== null) && !nutrition?.days.some((day) => day.caloriesIn !== null);
  return (
    <div className="stack">
      <p>
        <Link href={`/research/studies/${study.id}`}>← {study.name}</Link>
      </p>
      <h1 data-testid="participant-heading">{name ? `${name} (${studyCode})` : studyCode}</h1>
      <p className="muted">
        Read-only · only what this study collects, only inside its window ({windowText}) · metric units. Opening this page is recorded in the audit log.
      </p>
      <form method="get" className="actions card" aria-label="Date range">
        <label>
          From <input type="date" name="from" defaultValue={range.from} min={study.window.from} required />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={range.to} min={study.window.from} required />
        </label>
        <button type="submit" className="button button-secondary button-small">Show</button>
      </form>
      {!parsed.success ? (
        <p role="alert" className="notice notice-warn">
          {parsed.error.issues[0]?.message ?? "The range was not understood"} — showing {f.date(range.from)} to {f.date(range.to)} instead.
        </p>
      ) : null}
      {empty ? (
        <p className="notice notice-info" data-testid="participant-empty">
          No data between {f.date(range.from)} and {f.date(range.to)} yet. A participant’s nights appear after their tracker syncs with their phone and Nightly has fetched them.
        </p>
      ) : null}
      {sleep ? (
        <>
          <TimeAsleepChart nights={sleep.nights} audience="researcher" />
          <SleepStagesChart nights={sleep.nights} audience="researcher" />
        </>
      ) : null}
      {hrv ? <HrvChart days={hrv.days} audience="researcher" /> : null}
      {breathing ? <BreathingChart days={breathing.days} audience="researcher" /> : null}
      {nutrition ? <NutritionChart days={nutrition.days} waterUnit={nutrition.waterUnit} audience="researcher" /> : null}
    </div>
  );
}
