/**
 * zod schemas for what the Google Health API v4 and Google's OAuth server send Nightly. Field
 * names follow Google's generated types (`googleapis` health v4; a type-level test keeps them
 * from drifting: schemas.types.test.ts). proto3 JSON: int64 values arrive as strings, durations
 * as `"-25200s"`, empty fields are omitted. Unknown fields are allowed (Google adds fields);
 * impossible values are not.
 */
import { z } from "zod";

/** int64 as proto3 JSON sends it (a decimal string); numbers are tolerated. */
export const int64 = z.union([
  z.string().regex(/^-?\d{1,18}$/, "not an int64 string").transform(Number),
  z.number().int(),
]);
const nonNegativeInt64 = int64.pipe(z.number().int().min(0).max(100_000_000));
/** Minutes in one sleep session: never more than a couple of days. */
const minutes = int64.pipe(z.number().int().min(0).max(4_320));

/** A google.protobuf.Duration like `"-25200s"` → seconds (UTC offsets are within ±18 h). */
export const durationSeconds = z
  .string()
  .regex(/^-?\d+(\.\d+)?s$/, "not a duration like \"-25200s\"")
  .transform((value) => Number(value.slice(0, -1)))
  .pipe(z.number().min(-18 * 3600).max(18 * 3600));

/** RFC 3339 instant in UTC (`…Z`), as Google sends timestamps. */
export const timestamp = z.iso.datetime({ offset: true });

export const civilDateSchema = z
  .object({
    year: z.number().int().min(1970).max(2100),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .refine((d) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDate() === d.day, "not a calendar date");
export type CivilDate = z.infer<typeof civilDateSchema>;

const timeIntervalSchema = z.looseObject({
  startTime: timestamp,
  startUtcOffset: durationSeconds.optional(),
  endTime: timestamp,
  endUtcOffset: durationSeconds.optional(),
});

const sampleTimeSchema = z.looseObject({
  physicalTime: timestamp,
  utcOffset: durationSeconds.optional(),
});

// --- sleep -----------------------------------------------------------------------------------

const stageType = z.enum(["AWAKE", "LIGHT", "DEEP", "REM", "ASLEEP", "RESTLESS", "SLEEP_STAGE_TYPE_UNSPECIFIED"]);

export const sleepStageSchema = timeIntervalSchema.extend({ type: stageType });

export const sleepSchema = z.looseObject({
  interval: timeIntervalSchema,
  type: z.enum(["STAGES", "CLASSIC", "SLEEP_TYPE_UNSPECIFIED"]).optional(),
  stages: z.array(sleepStageSchema).max(2_000).optional(),
  shortAwakenings: z.array(sleepStageSchema.partial({ type: true })).max(2_000).optional(),
  outOfBedSegments: z.array(timeIntervalSchema).max(2_000).optional(),
  metadata: z
    .looseObject({
      mainSleep: z.boolean().optional(),
      nap: z.boolean().optional(),
      processed: z.boolean().optional(),
      manuallyEdited: z.boolean().optional(),
      stagesStatus: z.string().optional(),
    })
    .optional(),
  summary: z
    .looseObject({
      minutesAsleep: minutes.optional(),
      minutesAwake: minutes.optional(),
      minutesInSleepPeriod: minutes.optional(),
      minutesToFallAsleep: minutes.optional(),
      minutesAfterWakeUp: minutes.optional(),
      stagesSummary: z
        .array(z.looseObject({ type: stageType, minutes: minutes.optional(), count: nonNegativeInt64.optional() }))
        .max(50)
        .optional(),
    })
    .optional(),
});
export type GoogleSleep = z.infer<typeof sleepSchema>;

// --- HRV and breathing -----------------------------------------------------------------------

const ms = z.number().min(0).max(1_000);
const brpm = z.number().min(0).max(100);

export const dailyHrvSchema = z.looseObject({
  date: civilDateSchema,
  averageHeartRateVariabilityMilliseconds: ms.optional(),
  deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds: ms.optional(),
  nonRemHeartRateBeatsPerMinute: nonNegativeInt64.optional(),
  entropy: z.number().optional(),
});

export const hrvSampleSchema = z.looseObject({
  sampleTime: sampleTimeSchema,
  rootMeanSquareOfSuccessiveDifferencesMilliseconds: ms.optional(),
  standardDeviationMilliseconds: ms.optional(),
});

export const dailyRespiratoryRateSchema = z.looseObject({
  date: civilDateSchema,
  breathsPerMinute: brpm.optional(),
});

const breathingStatsSchema = z.looseObject({
  breathsPerMinute: brpm.optional(),
  standardDeviation: z.number().optional(),
  signalToNoise: z.number().optional(),
});

export const respiratorySleepSummarySchema = z.looseObject({
  sampleTime: sampleTimeSchema,
  fullSleepStats: breathingStatsSchema,
  deepSleepStats: breathingStatsSchema.optional(),
  lightSleepStats: breathingStatsSchema.optional(),
  remSleepStats: breathingStatsSchema.optional(),
});

// --- nutrition and water ---------------------------------------------------------------------

const grams = z.looseObject({ grams: z.number().min(0).max(100_000).optional() });

export const nutritionLogSchema = z.looseObject({
  interval: timeIntervalSchema,
  food: z.string().optional(),
  foodDisplayName: z.string().max(500).optional(),
  /** Versions of the API list different meal enums; unknown values are kept, not failed. */
  mealType: z.string().max(64).optional(),
  energy: z.looseObject({ kcal: z.number().min(0).max(100_000).optional() }).optional(),
  energyFromFat: z.looseObject({ kcal: z.number().min(0).max(100_000).optional() }).optional(),
  totalCarbohydrate: grams.optional(),
  totalFat: grams.optional(),
  nutrients: z
    .array(z.looseObject({ nutrient: z.string().max(64), quantity: grams.optional() }))
    .max(200)
    .optional(),
  serving: z.unknown().optional(),
});
export type GoogleNutritionLog = z.infer<typeof nutritionLogSchema>;

export const hydrationLogSchema = z.looseObject({
  interval: timeIntervalSchema,
  amountConsumed: z.looseObject({
    milliliters: z.number().min(0).max(100_000),
    userProvidedUnit: z.string().optional(),
  }),
});

// --- list responses --------------------------------------------------------------------------

/**
 * `dataPoints` list page. `name` is set only for identifiable types (sleep, nutrition and
 * hydration logs); reconciled points carry `dataPointName` instead. An empty page may still
 * carry a `nextPageToken`: paging stops only when the token is absent or empty.
 */
export function dataPointPage<K extends string, S extends z.ZodType>(key: K, value: S) {
  return z.looseObject({
    dataPoints: z
      .array(
        z.looseObject({
          name: z.string().max(300).optional(),
          dataPointName: z.string().max(300).optional(),
          [key]: value,
        } as { name: z.ZodOptional<z.ZodString>; dataPointName: z.ZodOptional<z.ZodString> } & Record<K, S>),
      )
      .max(10_000)
      .optional()
      .default([]),
    nextPageToken: z.string().max(2_000).optional(),
  });
}

export const sleepPageSchema = dataPointPage("sleep", sleepSchema);
export const dailyHrvPageSchema = dataPointPage("dailyHeartRateVariability", dailyHrvSchema);
export const hrvSamplePageSchema = dataPointPage("heartRateVariability", hrvSampleSchema);
export const dailyRespiratoryPageSchema = dataPointPage("dailyRespiratoryRate", dailyRespiratoryRateSchema);
export const respiratorySummaryPageSchema = dataPointPage("respiratoryRateSleepSummary", respiratorySleepSummarySchema);
export const nutritionLogPageSchema = dataPointPage("nutritionLog", nutritionLogSchema);
export const hydrationLogPageSchema = dataPointPage("hydrationLog", hydrationLogSchema);

// --- users/me --------------------------------------------------------------------------------

export const identitySchema = z.looseObject({
  name: z.string().optional(),
  healthUserId: z.string().regex(/^[A-Za-z0-9-]{1,63}$/),
  /** Empty (or absent) for a person who never had a Fitbit account. */
  legacyUserId: z.union([z.string().regex(/^[A-Za-z0-9-]{1,63}$/), z.literal("")]).optional(),
});
export type GoogleIdentity = z.infer<typeof identitySchema>;

export const settingsSchema = z.looseObject({
  timeZone: z.string().max(64).optional(),
  utcOffset: durationSeconds.optional(),
  waterUnit: z.string().optional(),
  distanceUnit: z.string().optional(),
  weightUnit: z.string().optional(),
  languageLocale: z.string().optional(),
});
export type GoogleSettings = z.infer<typeof settingsSchema>;

export const profileSchema = z.looseObject({
  name: z.string().optional(),
  age: z.number().int().min(0).max(150).optional(),
  membershipStartDate: z.union([civilDateSchema, z.string()]).optional(),
});

/** One paired device (reference §3.7): the tracker or scale and its battery. */
export const pairedDeviceSchema = z.looseObject({
  name: z.string().min(1).max(300),
  deviceType: z.string().max(40).optional(),
  deviceVersion: z.string().max(100).optional(),
  batteryStatus: z.string().max(40).optional(),
  batteryLevel: z.number().int().min(0).max(100).optional(),
  lastSyncTime: timestamp.optional(),
});
export type GooglePairedDevice = z.infer<typeof pairedDeviceSchema>;

export const pairedDevicesPageSchema = z.looseObject({
  pairedDevices: z.array(pairedDeviceSchema).max(100).optional(),
  nextPageToken: z.string().max(2_000).optional(),
});

// --- errors and tokens -----------------------------------------------------------------------

/** google.rpc.Status, as the Health API sends every error. */
export const googleErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.number().int(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z
      .array(
        z.looseObject({
          "@type": z.string(),
          reason: z.string().optional(),
          fieldViolations: z.array(z.looseObject({ field: z.string().optional(), description: z.string().optional() })).optional(),
        }),
      )
      .optional(),
  }),
});

/** RFC 6749 error body of the token endpoint (`invalid_grant`, `invalid_client`, …). */
export const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

export const googleTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  /** Only on the first exchange (and with prompt=consent); refreshes keep the old one. */
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
  token_type: z.string(),
});
