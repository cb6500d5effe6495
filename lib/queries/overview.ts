import "server-only";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import type { MetricAccess, Metric } from "@/lib/api-schemas/dashboard";
import type { Overview, OverviewMetric, StageShares } from "@/lib/api-schemas/overview";
import type { SleepNightRow } from "@/lib/api-schemas/sleep";
import { addDays, fromDbDate, localToday, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { spreadOf } from "@/lib/stats";
import { getBreathing } from "./breathing";
import { getHrv } from "./hrv";
import { getSleepNightDetail } from "./sleep-night-detail";
import { getSleepNights } from "./sleep-nights";

const BASELINE_NIGHTS = 30;
const MIN_BASELINE = 7;

interface Dated {
  date: string;
  value: number | null;
}

/** The newest value and the median/IQR of the 30 calendar days before it. */
export function againstBaseline(series: readonly Dated[], meta: Pick<OverviewMetric, "key" | "label" | "unit">): OverviewMetric | null {
  const latest = [...series].reverse().find((point) => point.value !== null);
  if (!latest || latest.value === null) return null;
  const start = addDays(latest.date, -BASELINE_NIGHTS);
  const window = series.filter((point) => point.date >= start && point.date < latest.date).flatMap((point) => (point.value === null ? [] : [point.value]));
  const baseline = window.length >= MIN_BASELINE ? spreadOf(window) : null;
  return { ...meta, value: latest.value, date: latest.date, baseline };
}

export function sharesOf(night: Pick<SleepNightRow, "deep" | "light" | "rem" | "wake">): StageShares | null {
  const { deep, light, rem, wake } = night;
  if (deep === null || light === null || rem === null || wake === null) return null;
  const total = deep + light + rem + wake;
  if (total <= 0) return null;
  const pct = (minutes: number) => Math.round((minutes / total) * 1000) / 10;
  return { deep: pct(deep), light: pct(light), rem: pct(rem), wake: pct(wake) };
}

/**
 * Last night against the 30 nights before it. Only metrics the person allowed are read, so a
 * withdrawn permission means its data is neither fetched nor shown.
 */
export async function getOverview(subject: AuthorizedSubject, timezone: string | null, access: Record<Metric, MetricAccess>): Promise<Overview> {
  const allowed = (metric: Metric) => access[metric].state === "ok" && subject.metrics.includes(metric);
  const read = allowed("sleep") ? scopeRead(subject, "sleep", { from: "2000-01-01", to: localToday(timezone) }) : null;
  const newest = read
    ? await db.sleepLog.findFirst({
        where: { userId: read.userId, isMainSleep: true, dateOfSleep: { gte: toDbDate(read.from), lte: toDbDate(read.to) } },
        orderBy: { dateOfSleep: "desc" },
        select: { dateOfSleep: true },
      })
    : null;
  const anchor = newest ? fromDbDate(newest.dateOfSleep) : localToday(timezone);
  const window = { from: addDays(anchor, -(BASELINE_NIGHTS + 14)), to: anchor };
  const [sleep, hrv, breathing, detail] = await Promise.all([
    allowed("sleep") ? getSleepNights(subject, window) : null,
    allowed("hrv") ? getHrv(subject, window) : null,
    allowed("breathing") ? getBreathing(subject, window) : null,
    newest ? getSleepNightDetail(subject, anchor) : null,
  ]);
  const nights = sleep?.nights ?? [];
  const last = newest ? nights.find((night) => night.date === anchor) : undefined;
  const metrics: (OverviewMetric | null)[] = [];
  if (sleep) {
    metrics.push(againstBaseline(nights.map((night) => ({ date: night.date, value: night.minutesAsleep })), { key: "totalSleep", label: "Time asleep", unit: "min" }));
  }
  if (hrv) metrics.push(againstBaseline(hrv.days.map((day) => ({ date: day.date, value: day.dailyRmssd })), { key: "hrv", label: "HRV (RMSSD)", unit: "ms" }));
  if (breathing) metrics.push(againstBaseline(breathing.days.map((day) => ({ date: day.date, value: day.full })), { key: "breathing", label: "Breathing rate", unit: "brpm" }));

  const lastShares = last ? sharesOf(last) : null;
  const usualShares = (() => {
    const prior = nights.filter((night) => night.date < anchor && night.date >= addDays(anchor, -BASELINE_NIGHTS)).flatMap((night) => {
      const shares = sharesOf(night);
      return shares ? [shares] : [];
    });
    if (prior.length < MIN_BASELINE) return null;
    const median = (key: keyof StageShares) => Math.round((spreadOf(prior.map((shares) => shares[key]))?.median ?? 0) * 10) / 10;
    return { deep: median("deep"), light: median("light"), rem: median("rem"), wake: median("wake") };
  })();

  return {
    lastNight: last ? anchor : null,
    lastNightType: last?.type ?? null,
    napCount: last?.napCount ?? 0,
    napMinutes: last?.napMinutesAsleep ?? 0,
    metrics: metrics.filter((metric): metric is OverviewMetric => metric !== null),
    shares: lastShares ? { lastNight: lastShares, usual: usualShares } : null,
    detail: allowed("sleep") ? detail : null,
  };
}
