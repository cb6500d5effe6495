/**
 * zod schemas for what the Fitbit OAuth server and profile endpoint send us. Provider input is
 * outside input: it is validated before anything is stored.
 */
import { z } from "zod";

export const fitbitTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  scope: z.string(),
  token_type: z.string(),
  user_id: z.string().min(1),
});
export type FitbitTokenResponse = z.infer<typeof fitbitTokenResponseSchema>;

export const fitbitErrorEnvelopeSchema = z.object({
  errors: z
    .array(z.object({ errorType: z.string(), message: z.string().optional(), fieldName: z.string().optional() }))
    .min(1),
  success: z.boolean().optional(),
});

export const fitbitProfileSchema = z.object({
  user: z.object({
    encodedId: z.string().min(1),
    displayName: z.string().optional(),
    fullName: z.string().optional(),
    avatar: z.string().optional(),
    avatar150: z.string().optional(),
    timezone: z.string().optional(),
    // UTC offsets run from -12 h to +14 h; anything else is not an offset (and must fit an Int).
    offsetFromUTCMillis: z.number().int().min(-18 * 3_600_000).max(18 * 3_600_000).optional(),
    memberSince: z.string().optional(),
    locale: z.string().optional(),
    distanceUnit: z.string().optional(),
    weightUnit: z.string().optional(),
    waterUnit: z.string().optional(),
  }),
});
export type FitbitProfile = z.infer<typeof fitbitProfileSchema>;

/** Fitbit expresses unit preferences per measure; Nightly shows one system per person. */
export function unitSystemFromProfile(user: FitbitProfile["user"]): "METRIC" | "US" | "UK" {
  const marker = user.weightUnit ?? user.distanceUnit ?? user.locale ?? "METRIC";
  if (marker === "en_US" || marker === "US") return "US";
  if (marker === "en_GB" || marker === "UK") return "UK";
  return "METRIC";
}
