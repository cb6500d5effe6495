/**
 * The Google Health view of a demo person's synthetic history: the same nights, HRV, breathing
 * and meals the Fitbit routes serve (emulator/data), in the Health API's data point shapes
 * (reference §3.6, §9; googleapis `health` v4 types). Only identifiable types (sleep,
 * nutrition-log, hydration-log) get a `name`.
 */
import { type View, visibleFoodDay, visibleLogs, visiblePhysiology } from "../data/history";
import { NO_PHYSIOLOGY } from "../data/physiology";
import type { GeneratedLog } from "../data/sleep";
import { localToUtc, MS_PER_DAY, MS_PER_MIN, offsetAt } from "../data/time";
import type { MemberKind } from "./filter";
import { type GooglePerson, worn } from "./people";
import type { HealthArea } from "./scopes";
import { googleDate, pointId, rfc3339Micros, sampleTime, sessionInterval } from "./time";

/** One data point before the list/reconcile envelope is applied. */
export interface Point {
  /** Interval start or sample time: results are ordered by it, newest first. */
  sortMs: number;
  /** Values of the filterable members (see filter.ts for units). */
  values: Record<string, number>;
  /** Set on identifiable types only. */
  name?: string;
  dataSource: Record<string, unknown>;
  /** The data union field, e.g. `{ sleep: {...} }`. */
  data: Record<string, unknown>;
  manual: boolean;
}

export interface DataTypeSpec {
  /** Path form, e.g. `daily-heart-rate-variability`. */
  kebab: string;
  scope: HealthArea;
  members: Readonly<Record<string, MemberKind>>;
  allowOr: boolean;
  defaultPageSize: number;
  maxPageSize: number;
  /** Points whose bucket day (a calendar day of the person) is `day`, newest first. */
  pointsOfDay(g: GooglePerson, view: View, day: number): Point[];
}

const STAGE_TYPES = { deep: "DEEP", light: "LIGHT", rem: "REM", wake: "AWAKE" } as const;
const CLASSIC_TYPES = { asleep: "ASLEEP", restless: "RESTLESS", awake: "AWAKE" } as const;

function deviceSource(g: GooglePerson) {
  return { recordingMethod: "DERIVED", device: { displayName: g.device }, platform: "FITBIT" };
}
const MANUAL_SOURCE = { recordingMethod: "MANUAL", platform: "FITBIT" };

/** Segments of a log as instants: stage segments (contiguous) and brief wakes with their host stage. */
function timeline(g: GeneratedLog) {
  const log = g.log;
  let cursor = g.episode.startUtc;
  const segs = (log.levels.data as { level: string; seconds: number }[]).map((e) => {
    const type =
      log.type === "stages"
        ? STAGE_TYPES[e.level as keyof typeof STAGE_TYPES]
        : CLASSIC_TYPES[e.level as keyof typeof CLASSIC_TYPES];
    const seg = { type, startUtc: cursor, endUtc: cursor + e.seconds * 1000 };
    cursor = seg.endUtc;
    return seg;
  });
  const shorts = g.shortWakes.map((w) => {
    const host = segs.find((s) => s.startUtc <= w.startUtc && w.startUtc < s.endUtc);
    return {
      type: host?.type ?? "LIGHT",
      startUtc: w.startUtc,
      endUtc: w.startUtc + w.seconds * 1000,
    };
  });
  return { segs, shorts };
}

/** Google's main sleep: the longest session with stages of the day, else the longest. */
function googleMain(logs: GeneratedLog[]): GeneratedLog | undefined {
  const longest = (list: GeneratedLog[]) =>
    list.reduce<GeneratedLog | undefined>(
      (a, b) => (!a || b.log.duration > a.log.duration ? b : a),
      undefined,
    );
  return longest(logs.filter((l) => l.log.type === "stages")) ?? longest(logs);
}

function stagesStatus(g: GeneratedLog): string | undefined {
  if (g.log.type === "stages") return "SUCCEEDED";
  if (g.log.logType === "manual") return undefined;
  return g.log.infoCode === 2 ? "REJECTED_NAP" : "REJECTED_COVERAGE";
}

/** Minutes per stage type from whole 30-s units, rounded so they sum to the period's minutes. */
function stagesSummary(
  segs: { type: string; startUtc: number; endUtc: number }[],
  order: string[],
) {
  const units = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const s of segs) {
    units.set(s.type, (units.get(s.type) ?? 0) + (s.endUtc - s.startUtc) / 30_000);
    counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
  }
  const total = Math.floor([...units.values()].reduce((a, b) => a + b, 0) / 2);
  const minutes = new Map<string, number>();
  let assigned = 0;
  for (const t of order) {
    const m = Math.floor((units.get(t) ?? 0) / 2);
    minutes.set(t, m);
    assigned += m;
  }
  for (const t of order) {
    if (assigned < total && (units.get(t) ?? 0) % 2 === 1) {
      minutes.set(t, minutes.get(t)! + 1);
      assigned++;
    }
  }
  return { total, minutes, counts };
}

export function sleepPoint(g: GooglePerson, gen: GeneratedLog, main: boolean): Point {
  const tz = g.person.timezone;
  const { startUtc, endUtc } = gen.episode;
  const label = `${g.person.seed}:sleep:${gen.log.logId}`;
  const createMs = endUtc + (600 + (parseInt(pointId(label).slice(-3), 10) % 300)) * 1000;
  const createTime = rfc3339Micros(createMs, `${label}:c`);
  const stageTime = rfc3339Micros(createMs + 1960, `${label}:s`);
  const updateTime = rfc3339Micros(createMs + 6789, `${label}:u`);
  const { segs, shorts } = timeline(gen);
  const classic = gen.log.type === "classic";
  const order = classic ? ["AWAKE", "RESTLESS", "ASLEEP"] : ["AWAKE", "LIGHT", "DEEP", "REM"];
  const sum = stagesSummary(segs, order);
  const asleepTypes = classic ? ["ASLEEP"] : ["LIGHT", "DEEP", "REM"];
  const minutesAsleep = asleepTypes.reduce((a, t) => a + (sum.minutes.get(t) ?? 0), 0);
  const metadata: Record<string, unknown> = {};
  const status = stagesStatus(gen);
  if (status) metadata.stagesStatus = status;
  metadata.processed = true;
  if (main) metadata.mainSleep = true;
  if (!main && classic && gen.log.duration < 3 * 3_600_000) metadata.nap = true;
  const sleep: Record<string, unknown> = {
    interval: sessionInterval(tz, startUtc, endUtc, false),
    type: classic ? "CLASSIC" : "STAGES",
    stages: segs.map((s) => ({
      ...sessionInterval(tz, s.startUtc, s.endUtc, false),
      type: s.type,
      createTime: stageTime,
      updateTime: stageTime,
    })),
    metadata,
    summary: {
      minutesInSleepPeriod: String(sum.total),
      minutesAfterWakeUp: "0",
      minutesToFallAsleep: "0",
      minutesAsleep: String(minutesAsleep),
      minutesAwake: String(sum.minutes.get("AWAKE") ?? 0),
      stagesSummary: order
        .filter((t) => (sum.counts.get(t) ?? 0) > 0)
        .map((t) => ({
          type: t,
          minutes: String(sum.minutes.get(t)),
          count: String(sum.counts.get(t)),
        })),
    },
    createTime,
    updateTime,
  };
  if (shorts.length > 0) {
    sleep.shortAwakenings = shorts.map((s) => ({
      ...sessionInterval(tz, s.startUtc, s.endUtc, false),
      type: s.type,
    }));
  }
  const manual = gen.log.logType === "manual";
  return {
    sortMs: startUtc,
    values: {
      "sleep.interval.end_time": endUtc,
      "sleep.interval.civil_end_time": endUtc + offsetAt(tz, endUtc),
    },
    name: `users/${g.healthUserId}/dataTypes/sleep/dataPoints/${pointId(label)}`,
    dataSource: manual ? MANUAL_SOURCE : deviceSource(g),
    data: { sleep },
    manual,
  };
}

const sleepSpec: DataTypeSpec = {
  kebab: "sleep",
  scope: "sleep",
  members: { "sleep.interval.end_time": "physical", "sleep.interval.civil_end_time": "civil" },
  allowOr: true,
  defaultPageSize: 25,
  maxPageSize: 25,
  pointsOfDay(g, view, day) {
    if (!worn(g, day)) return [];
    const logs = visibleLogs(view, day);
    const main = googleMain(logs);
    return logs.map((l) => sleepPoint(g, l, l === main)).sort((a, b) => b.sortMs - a.sortMs);
  },
};

/** Physiology of `day` when the device was worn. */
function physiology(g: GooglePerson, view: View, day: number) {
  return worn(g, day) ? visiblePhysiology(view, day) : NO_PHYSIOLOGY;
}

/** Deterministic extras the Fitbit API has no field for (non-REM heart rate, entropy). */
function extra(g: GooglePerson, day: number, what: string, lo: number, hi: number, digits: number) {
  const frac = parseInt(pointId(`${g.person.seed}:${what}:${day}`).slice(-6), 10) / 1_000_000;
  const v = lo + (hi - lo) * frac;
  return Math.round(v * 10 ** digits) / 10 ** digits;
}

const dailyHrvSpec: DataTypeSpec = {
  kebab: "daily-heart-rate-variability",
  scope: "health_metrics_and_measurements",
  members: { "daily_heart_rate_variability.date": "date" },
  allowOr: false,
  defaultPageSize: 1440,
  maxPageSize: 10000,
  pointsOfDay(g, view, day) {
    const hrv = physiology(g, view, day).hrv;
    if (!hrv) return [];
    return [
      {
        sortMs: day * MS_PER_DAY,
        values: { "daily_heart_rate_variability.date": day },
        dataSource: deviceSource(g),
        data: {
          dailyHeartRateVariability: {
            date: googleDate(day),
            averageHeartRateVariabilityMilliseconds: hrv.value.dailyRmssd,
            deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds: hrv.value.deepRmssd,
            nonRemHeartRateBeatsPerMinute: String(Math.round(extra(g, day, "nrhr", 50, 66, 0))),
            entropy: extra(g, day, "entropy", 2.6, 3.3, 3),
          },
        },
        manual: false,
      },
    ];
  },
};

const hrvSpec: DataTypeSpec = {
  kebab: "heart-rate-variability",
  scope: "health_metrics_and_measurements",
  members: {
    "heart_rate_variability.sample_time.physical_time": "physical",
    "heart_rate_variability.sample_time.civil_time": "civil",
  },
  allowOr: false,
  defaultPageSize: 1440,
  maxPageSize: 10000,
  pointsOfDay(g, view, day) {
    const p = physiology(g, view, day);
    if (!p.hrvIntraday) return [];
    const tz = g.person.timezone;
    return p.hrvIntraday.minutes
      .map((m, i) => {
        const at = p.hrvInstants[i]!;
        return {
          sortMs: at,
          values: {
            "heart_rate_variability.sample_time.physical_time": at,
            "heart_rate_variability.sample_time.civil_time": at + offsetAt(tz, at),
          },
          dataSource: deviceSource(g),
          data: {
            heartRateVariability: {
              sampleTime: sampleTime(tz, at),
              rootMeanSquareOfSuccessiveDifferencesMilliseconds: m.value.rmssd,
              metadata: { highFrequencyPower: m.value.hf, lowFrequencyPower: m.value.lf },
            },
          },
          manual: false,
        };
      })
      .sort((a, b) => b.sortMs - a.sortMs);
  },
};

const dailyBrSpec: DataTypeSpec = {
  kebab: "daily-respiratory-rate",
  scope: "health_metrics_and_measurements",
  members: { "daily_respiratory_rate.date": "date" },
  allowOr: false,
  defaultPageSize: 1440,
  maxPageSize: 10000,
  pointsOfDay(g, view, day) {
    const br = physiology(g, view, day).br;
    if (!br) return [];
    return [
      {
        sortMs: day * MS_PER_DAY,
        values: { "daily_respiratory_rate.date": day },
        dataSource: deviceSource(g),
        data: {
          dailyRespiratoryRate: { date: googleDate(day), breathsPerMinute: br.value.breathingRate },
        },
        manual: false,
      },
    ];
  },
};

const brSummarySpec: DataTypeSpec = {
  kebab: "respiratory-rate-sleep-summary",
  scope: "health_metrics_and_measurements",
  // UNCONFIRMED member names (reference §8): the sample-type pattern.
  members: {
    "respiratory_rate_sleep_summary.sample_time.physical_time": "physical",
    "respiratory_rate_sleep_summary.sample_time.civil_time": "civil",
  },
  allowOr: false,
  defaultPageSize: 1440,
  maxPageSize: 10000,
  pointsOfDay(g, view, day) {
    const br = physiology(g, view, day).brIntraday;
    const main = visibleLogs(view, day).find((l) => l.log.isMainSleep);
    if (!br || !main) return [];
    const tz = g.person.timezone;
    const at = main.episode.endUtc;
    const stats = (rate: number) => (rate < 0 ? undefined : { breathsPerMinute: rate });
    const summary: Record<string, unknown> = {
      sampleTime: sampleTime(tz, at),
      fullSleepStats: {
        breathsPerMinute: br.value.fullSleepSummary.breathingRate,
        standardDeviation: extra(g, day, "br-sd", 0.4, 1.2, 2),
        signalToNoise: extra(g, day, "br-snr", 2.5, 6, 2),
      },
    };
    const deep = stats(br.value.deepSleepSummary.breathingRate);
    const light = stats(br.value.lightSleepSummary.breathingRate);
    const rem = stats(br.value.remSleepSummary.breathingRate);
    if (deep) summary.deepSleepStats = deep;
    if (light) summary.lightSleepStats = light;
    if (rem) summary.remSleepStats = rem;
    return [
      {
        sortMs: at,
        values: {
          "respiratory_rate_sleep_summary.sample_time.physical_time": at,
          "respiratory_rate_sleep_summary.sample_time.civil_time": at + offsetAt(tz, at),
        },
        dataSource: deviceSource(g),
        data: { respiratoryRateSleepSummary: summary },
        manual: false,
      },
    ];
  },
};

/** Fitbit meal types 1–7 → Google's four (7 "Anytime" has no Google value: left out). */
const MEAL_TYPES: Record<number, string | undefined> = {
  1: "BREAKFAST",
  2: "SNACK",
  3: "LUNCH",
  4: "SNACK",
  5: "DINNER",
  6: "SNACK",
  7: undefined,
};

function loggedAt(g: GooglePerson, day: number, minute: number): number {
  return localToUtc(g.person.timezone, day * MS_PER_DAY + minute * MS_PER_MIN);
}

const nutritionSpec: DataTypeSpec = {
  kebab: "nutrition-log",
  scope: "nutrition",
  members: { "nutrition_log.interval.civil_start_time": "civil" },
  allowOr: false,
  defaultPageSize: 1440,
  maxPageSize: 10000,
  pointsOfDay(g, view, day) {
    const tz = g.person.timezone;
    return visibleFoodDay(view, day)
      .foods.map(({ minute, entry }) => {
        const start = loggedAt(g, day, minute);
        const nv = entry.nutritionalValues;
        const log: Record<string, unknown> = {
          interval: sessionInterval(tz, start, start + MS_PER_MIN, true),
          foodDisplayName: entry.loggedFood.name,
        };
        const meal = MEAL_TYPES[entry.loggedFood.mealTypeId];
        if (meal) log.mealType = meal;
        log.energy = { kcal: nv.calories };
        log.totalCarbohydrate = { grams: nv.carbs };
        log.totalFat = { grams: nv.fat };
        log.nutrients = [
          { nutrient: "PROTEIN", quantity: { grams: nv.protein } },
          { nutrient: "DIETARY_FIBER", quantity: { grams: nv.fiber } },
          { nutrient: "SODIUM", quantity: { grams: nv.sodium / 1000 } },
        ];
        return {
          sortMs: start,
          values: {
            "nutrition_log.interval.civil_start_time": day * MS_PER_DAY + minute * MS_PER_MIN,
          },
          name: `users/${g.healthUserId}/dataTypes/nutrition-log/dataPoints/${pointId(`${g.person.seed}:food:${entry.logId}`)}`,
          dataSource: MANUAL_SOURCE,
          data: { nutritionLog: log },
          manual: true,
        };
      })
      .sort((a, b) => b.sortMs - a.sortMs);
  },
};

const hydrationSpec: DataTypeSpec = {
  kebab: "hydration-log",
  scope: "nutrition",
  members: { "hydration_log.interval.civil_start_time": "civil" },
  allowOr: false,
  defaultPageSize: 1440,
  maxPageSize: 10000,
  pointsOfDay(g, view, day) {
    const tz = g.person.timezone;
    const unit = g.person.locale === "en_US" ? "FLUID_OUNCE_US" : "MILLILITER";
    return visibleFoodDay(view, day)
      .water.map((w) => {
        const start = loggedAt(g, day, w.minute);
        return {
          sortMs: start,
          values: {
            "hydration_log.interval.civil_start_time": day * MS_PER_DAY + w.minute * MS_PER_MIN,
          },
          name: `users/${g.healthUserId}/dataTypes/hydration-log/dataPoints/${pointId(`${g.person.seed}:water:${w.logId}`)}`,
          dataSource: MANUAL_SOURCE,
          data: {
            hydrationLog: {
              interval: sessionInterval(tz, start, start + MS_PER_MIN, true),
              amountConsumed: { milliliters: w.ml, userProvidedUnit: unit },
            },
          },
          manual: true,
        };
      })
      .sort((a, b) => b.sortMs - a.sortMs);
  },
};

export const DATA_TYPES: readonly DataTypeSpec[] = [
  sleepSpec,
  dailyHrvSpec,
  hrvSpec,
  dailyBrSpec,
  brSummarySpec,
  nutritionSpec,
  hydrationSpec,
];

export function findDataType(kebab: string): DataTypeSpec | undefined {
  return DATA_TYPES.find((t) => t.kebab === kebab);
}
