/**
 * Nightly's zod schemas for Google Health payloads cannot drift from Google's own generated
 * types (`googleapis` health v4, a devDependency used only here; docs/decisions/0007-google-sync.md). Checked by the
 * compiler (`npm run typecheck` covers test files): every field Nightly reads must exist on
 * Google's type under the same name, and the JSON kind Google declares for it (string for int64
 * and enums, number, boolean, object, array) must be one the schema accepts. A renamed or retyped
 * field in a new googleapis version fails the typecheck here.
 */
import type { health_v4 } from "googleapis/build/src/apis/health/v4";
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  dailyHrvSchema,
  dailyRespiratoryRateSchema,
  hrvSampleSchema,
  hydrationLogSchema,
  identitySchema,
  nutritionLogSchema,
  pairedDeviceSchema,
  pairedDevicesPageSchema,
  profileSchema,
  respiratorySleepSummarySchema,
  settingsSchema,
  sleepPageSchema,
  sleepSchema,
  sleepStageSchema,
} from "./schemas";

type Kind<T> = T extends string
  ? "string"
  : T extends number
    ? "number"
    : T extends boolean
      ? "boolean"
      : T extends readonly unknown[]
        ? "array"
        : "object";

/** Field names Nightly reads that Google's type lacks, plus fields whose JSON kind the schema would reject. */
type Drift<Shape extends Record<string, z.ZodType>, Theirs> =
  | Exclude<keyof Shape, keyof Theirs>
  | {
      [K in keyof Shape & keyof Theirs]: [Kind<NonNullable<Theirs[K]>>] extends [Kind<NonNullable<z.input<Shape[K]>>>] ? never : K;
    }[keyof Shape & keyof Theirs];

type ShapeOf<S> = S extends z.ZodObject<infer Shape> ? Shape : never;
type Unwrapped<S> = S extends z.ZodOptional<infer Inner> ? Unwrapped<Inner> : S extends z.ZodDefault<infer Inner> ? Unwrapped<Inner> : S extends z.ZodArray<infer Element> ? Unwrapped<Element> : S;
/** The object schema of a field (through optional, default and array wrappers), and its shape. */
type Inner<S, K extends keyof ShapeOf<S>> = Unwrapped<ShapeOf<S>[K]>;
type Field<S, K extends keyof ShapeOf<S>> = ShapeOf<Inner<S, K>>;

type Sleep = typeof sleepSchema;

describe("Google Health schemas match googleapis health v4", () => {
  it("sleep: session, interval, stages, metadata, summary", () => {
    expectTypeOf<Drift<ShapeOf<Sleep>, health_v4.Schema$Sleep>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Sleep, "interval">, health_v4.Schema$SessionTimeInterval>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof sleepStageSchema>, health_v4.Schema$SleepStage>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Sleep, "outOfBedSegments">, health_v4.Schema$OutOfBedSegment>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Sleep, "metadata">, health_v4.Schema$SleepMetadata>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Sleep, "summary">, health_v4.Schema$SleepSummary>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Inner<Sleep, "summary">, "stagesSummary">, health_v4.Schema$StageSummary>>().toEqualTypeOf<never>();
  });

  it("list pages: data point keys and paging", () => {
    type Page = typeof sleepPageSchema;
    expectTypeOf<Drift<ShapeOf<Page>, health_v4.Schema$ListDataPointsResponse>>().toEqualTypeOf<never>();
    // `name` on listed points, `dataPointName` on reconciled ones.
    expectTypeOf<Drift<Omit<Field<Page, "dataPoints">, "dataPointName">, health_v4.Schema$DataPoint>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Omit<Field<Page, "dataPoints">, "name">, health_v4.Schema$ReconciledDataPoint>>().toEqualTypeOf<never>();
  });

  it("HRV and breathing", () => {
    expectTypeOf<Drift<ShapeOf<typeof dailyHrvSchema>, health_v4.Schema$DailyHeartRateVariability>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<typeof dailyHrvSchema, "date">, health_v4.Schema$Date>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof hrvSampleSchema>, health_v4.Schema$HeartRateVariability>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<typeof hrvSampleSchema, "sampleTime">, health_v4.Schema$ObservationSampleTime>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof dailyRespiratoryRateSchema>, health_v4.Schema$DailyRespiratoryRate>>().toEqualTypeOf<never>();
    type Breathing = typeof respiratorySleepSummarySchema;
    expectTypeOf<Drift<ShapeOf<Breathing>, health_v4.Schema$RespiratoryRateSleepSummary>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Breathing, "fullSleepStats">, health_v4.Schema$RespiratoryRateSleepSummaryStatistics>>().toEqualTypeOf<never>();
  });

  it("meals and water", () => {
    type Meal = typeof nutritionLogSchema;
    expectTypeOf<Drift<ShapeOf<Meal>, health_v4.Schema$NutritionLog>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Meal, "energy">, health_v4.Schema$EnergyQuantity>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Meal, "totalFat">, health_v4.Schema$WeightQuantity>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<Meal, "nutrients">, health_v4.Schema$NutrientQuantity>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof hydrationLogSchema>, health_v4.Schema$HydrationLog>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<Field<typeof hydrationLogSchema, "amountConsumed">, health_v4.Schema$VolumeQuantity>>().toEqualTypeOf<never>();
  });

  it("identity, profile, settings, paired devices", () => {
    expectTypeOf<Drift<ShapeOf<typeof identitySchema>, health_v4.Schema$Identity>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof profileSchema>, health_v4.Schema$Profile>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof settingsSchema>, health_v4.Schema$Settings>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof pairedDevicesPageSchema>, health_v4.Schema$ListPairedDevicesResponse>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ShapeOf<typeof pairedDeviceSchema>, health_v4.Schema$PairedDevice>>().toEqualTypeOf<never>();
  });

  it("catches a renamed field and a retyped one", () => {
    type Renamed = { minutesSlept: z.ZodNumber; minutesAwake: z.ZodString };
    expectTypeOf<Drift<Renamed, health_v4.Schema$SleepSummary>>().toEqualTypeOf<"minutesSlept">();
    // Google sends int64 minutes as strings: a schema taking only numbers would reject them.
    type Retyped = { minutesAsleep: z.ZodNumber };
    expectTypeOf<Drift<Retyped, health_v4.Schema$SleepSummary>>().toEqualTypeOf<"minutesAsleep">();
  });
});
