import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CohortChartsView } from "@/components/research/cohort-charts";
import { requireStudyPage } from "@/lib/authz/page";
import { requestFormatter } from "@/lib/locale/request";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { clipToStudy, defaultChartRange, getCohortCharts } from "@/lib/research/cohort-charts";
import { cohortChartsQuerySchema } from "@/lib/research/schemas";

export const metadata: Metadata = { title: "Cohort charts" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ studyId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Per-night medians and interquartile bands across the study's participants, and nutrition against sleep. */
export default async function CohortChartsPage({ params, searchParams }: Props) {
  const { studyId } = await params;
  const { study } = await requireStudyPage(studyId, `/research/studies/${studyId}/charts`);
  const parsed = cohortChartsQuerySchema.safeParse(await searchParams);
  const fallback = defaultChartRange(study);
  const requested = parsed.success && parsed.data.from && parsed.data.to ? { from: parsed.data.from, to: parsed.data.to } : fallback;
  const shown = clipToStudy(study, requested) ?? requested;
  const f = await requestFormatter();
  return (
    <div className="stack">
      <p>
        <Link href={`/research/studies/${study.id}`}>← {study.name}</Link>
      </p>
      <h1>Cohort charts</h1>
      <p className="muted">
        Each night, the median across the participants with data that night and the middle half of them (25th to 75th percentile), computed in the database. Only enrolled participants, only
        inside the study window ({f.date(study.window.from)} – {study.window.to ? f.date(study.window.to) : "open"}).
      </p>
      <form method="get" className="actions card" aria-label="Chart range">
        <label>
          From <input type="date" name="from" defaultValue={shown.from} min={study.window.from} required />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={shown.to} min={study.window.from} required />
        </label>
        <button type="submit" className="button button-secondary button-small">Show</button>
      </form>
      {!parsed.success ? (
        <p role="alert" className="notice notice-warn">
          {parsed.error.issues[0]?.message ?? "The range was not understood"} — showing {f.date(fallback.from)} to {f.date(fallback.to)} instead.
        </p>
      ) : null}
      {/* Authorization has run above, so a refusal is still a real 404 or redirect; only the aggregation streams in. */}
      <Suspense
        key={`${requested.from}-${requested.to}`}
        fallback={
          <div className="chart-skeleton" role="status">
            Computing the cohort’s nights…
          </div>
        }
      >
        <CohortChartsSection study={study} requested={requested} />
      </Suspense>
    </div>
  );
}

async function CohortChartsSection({ study, requested }: { study: AuthorizedStudy; requested: { from: string; to: string } }) {
  const [charts, f] = await Promise.all([getCohortCharts(study, requested), requestFormatter()]);
  if (!charts) {
    return (
      <p className="notice notice-info" data-testid="charts-empty">
        That range is outside the study window. Choose dates from {f.date(study.window.from)}
        {study.window.to ? ` to ${f.date(study.window.to)}` : " on"}.
      </p>
    );
  }
  const anyData = charts.nights.some((night) => night.sleepN + night.hrvN + night.breathingN > 0) || (charts.scatter?.total ?? 0) > 0;
  if (!anyData) {
    return (
      <p className="notice notice-info" data-testid="charts-empty">
        No nights from enrolled participants between {f.date(charts.from)} and {f.date(charts.to)} yet. Charts fill in as participants enrol and their trackers sync.
      </p>
    );
  }
  return <CohortChartsView charts={charts} metrics={study.metrics} />;
}
