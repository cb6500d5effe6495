import { createHash } from "node:crypto";
import type { ExportRow } from "@/lib/api-schemas/export";
import type { SleepEpisode } from "@/lib/queries/sleep-episodes";

/**
 * Open mHealth data points (https://www.openmhealth.org) for the measures that have a schema:
 * sleep episodes (omh:sleep-episode:1.1, one per main sleep or nap), nightly heart rate
 * variability (omh:heart-rate-variability:1.0, RMSSD) and breathing rate
 * (omh:respiratory-rate:2.0). Nutrition and stage minutes have no Open mHealth schema and are
 * only in the CSV files. user_id is the study id, never a name.
 */
export const OMH_SCHEMAS = [
  { name: "sleep-episode", version: "1.1", from: "sleep episodes (main sleep and naps)" },
  { name: "heart-rate-variability", version: "1.0", from: "hrv_daily_rmssd" },
  { name: "respiratory-rate", version: "2.0", from: "breathing_rate_full" },
] as const;

type SchemaName = (typeof OMH_SCHEMAS)[number]["name"];

export interface OmhDataPoint {
  header: {
    id: string;
    creation_date_time: string;
    schema_id: { namespace: "omh"; name: SchemaName; version: string };
    acquisition_provenance: { source_name: string; modality: "sensed" };
    user_id: string;
  };
  body: Record<string, unknown>;
}

const SOURCES: Record<string, string> = { fitbit: "Fitbit Web API", "google-health": "Google Health API" };

/** `yyyy-MM-ddTHH:mm:ss.SSS` local time plus its offset, as an RFC 3339 date-time. */
export function withOffset(local: string, offsetMin: number): string {
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Stable ids: the same value exported twice has the same id, so re-imports de-duplicate. */
function pointId(studyId: string, key: string): string {
  const hex = createHash("sha256").update(`${studyId}|${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const minutes = (value: number) => ({ value, unit: "min" });
const night = (date: string) => ({ time_interval: { date, part_of_day: "night" } });

export function omhDataPoints(input: { studyId: string; code: string; createdAt: string; episodes: readonly SleepEpisode[]; rows: readonly ExportRow[]; source: string | null }): OmhDataPoint[] {
  const { studyId, code, createdAt } = input;
  const point = (name: SchemaName, key: string, source: string | null, body: Record<string, unknown>): OmhDataPoint => {
    const schema = OMH_SCHEMAS.find((entry) => entry.name === name)!;
    return {
      header: {
        id: pointId(studyId, `${code}|${name}|${key}`),
        creation_date_time: createdAt,
        schema_id: { namespace: "omh", name, version: schema.version },
        acquisition_provenance: { source_name: (source && SOURCES[source]) ?? "Nightly", modality: "sensed" },
        user_id: code,
      },
      body,
    };
  };
  const points: OmhDataPoint[] = [];
  for (const episode of input.episodes) {
    points.push(
      point("sleep-episode", episode.id, episode.provider, {
        effective_time_frame: {
          time_interval: { start_date_time: withOffset(episode.startLocal, episode.startUtcOffsetMin), end_date_time: withOffset(episode.endLocal, episode.endUtcOffsetMin) },
        },
        total_sleep_time: minutes(episode.minutesAsleep),
        wake_after_sleep_onset: minutes(episode.minutesAwake),
        latency_to_sleep_onset: minutes(episode.minutesToFallAsleep),
        latency_to_arising: minutes(episode.minutesAfterWakeup),
        is_main_sleep: episode.isMainSleep,
        ...(episode.timeInBed > 0 ? { sleep_maintenance_efficiency_percentage: { value: Math.round((episode.minutesAsleep / episode.timeInBed) * 100), unit: "%" } } : {}),
      }),
    );
  }
  for (const row of input.rows) {
    if (row.metric === "hrv_daily_rmssd") {
      points.push(
        point("heart-rate-variability", row.date, input.source, {
          heart_rate_variability: { value: row.value, unit: "ms" },
          algorithm: "RMSSD",
          effective_time_frame: night(row.date),
          temporal_relationship_to_sleep: "during sleep",
        }),
      );
    } else if (row.metric === "breathing_rate_full") {
      points.push(
        point("respiratory-rate", row.date, input.source, {
          respiratory_rate: { value: row.value, unit: "breaths/min" },
          effective_time_frame: night(row.date),
          descriptive_statistic: "average",
        }),
      );
    }
  }
  return points;
}
