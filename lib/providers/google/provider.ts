import "server-only";
import { env } from "@/lib/config/env";
import type { HealthProvider } from "@/lib/providers/types";
import { googleRequest } from "./api-client";
import { GOOGLE_HEALTH_PROVIDER_ID } from "./id";
import { googleHealthProvider } from "./nextauth-provider";
import { identitySchema } from "./schemas";
import { refreshGoogleToken, revokeGoogleToken } from "./oauth-client";
import { parseGoogleScopes } from "./scopes";
import { fetchGoogleDevices } from "./sync/devices";
import { fetchGoogleStep } from "./sync/fetch";
import { googlePlan } from "./sync/plan";
import { googlePushEnabled } from "./webhook/receive";
import { googlePushSteps } from "./webhook/steps";

/** Requests per person per minute Google allows (reference §4.1). */
export const GOOGLE_REQUESTS_PER_MINUTE = 300;
/** Kept free in every minute for what the person does by hand (opening a night, signing in). */
export const GOOGLE_RESERVE = 20;

/** The Google Health API v4 behind the provider boundary. */
export const googleHealth: HealthProvider = {
  id: GOOGLE_HEALTH_PROVIDER_ID,
  copy: { name: "Google", quotaWindow: "per-minute", consentPage: "Google's consent page" },
  configured: () => Boolean(env().GOOGLE_CLIENT_ID && env().GOOGLE_CLIENT_SECRET),
  nextAuthProvider: googleHealthProvider,
  // The raw profile is what the userinfo request returned: { identity, settings, profile }.
  legacyUserIdOf: (oauthProfile) =>
    identitySchema.safeParse((oauthProfile as { identity?: unknown } | null)?.identity).data?.legacyUserId ?? "",
  refreshToken: refreshGoogleToken,
  revokeToken: revokeGoogleToken,
  parseGrantedScopes: parseGoogleScopes,
  metricScopes: {
    sleep: "sleep",
    hrv: "health_metrics_and_measurements",
    hrvIntraday: "health_metrics_and_measurements",
    br: "health_metrics_and_measurements",
    nutrition: "nutrition",
    foodLogs: "nutrition",
    devices: "settings",
  },
  request: googleRequest,
  rateLimit: { kind: "counted", limit: GOOGLE_REQUESTS_PER_MINUTE, windowSeconds: 60, reserve: GOOGLE_RESERVE },
  plan: googlePlan,
  fetchStep: fetchGoogleStep,
  fetchDevices: fetchGoogleDevices,
  push: { enabled: googlePushEnabled, stepsFor: googlePushSteps },
};
