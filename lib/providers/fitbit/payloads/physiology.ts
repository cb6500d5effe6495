/** HRV (reference §6) and breathing rate (§7) payloads, summary and intraday forms. */
import { z } from "zod";
import { fitbitDate, fitbitLocalDateTime } from "./sleep";

export const hrvSummarySchema = z.looseObject({
  hrv: z.array(
    z.looseObject({
      dateTime: fitbitDate,
      value: z.looseObject({ dailyRmssd: z.number(), deepRmssd: z.number().optional() }),
    }),
  ),
});
export type FitbitHrvSummary = z.infer<typeof hrvSummarySchema>;

export const hrvIntradaySchema = z.looseObject({
  hrv: z.array(
    z.looseObject({
      dateTime: fitbitDate,
      minutes: z.array(
        z.looseObject({
          minute: fitbitLocalDateTime,
          value: z.looseObject({
            rmssd: z.number(),
            coverage: z.number(),
            hf: z.number(),
            lf: z.number(),
          }),
        }),
      ),
    }),
  ),
});
export type FitbitHrvIntraday = z.infer<typeof hrvIntradaySchema>;

const breathingRate = z.looseObject({ breathingRate: z.number() });

export const brSummarySchema = z.looseObject({
  br: z.array(z.looseObject({ dateTime: fitbitDate, value: breathingRate })),
});
export type FitbitBrSummary = z.infer<typeof brSummarySchema>;

/** Per-stage averages; a stage Fitbit could not measure is `-1` (normalised to null). */
export const brIntradaySchema = z.looseObject({
  br: z.array(
    z.looseObject({
      dateTime: fitbitDate,
      value: z.looseObject({
        fullSleepSummary: breathingRate.optional(),
        deepSleepSummary: breathingRate.optional(),
        lightSleepSummary: breathingRate.optional(),
        remSleepSummary: breathingRate.optional(),
      }),
    }),
  ),
});
export type FitbitBrIntraday = z.infer<typeof brIntradaySchema>;
