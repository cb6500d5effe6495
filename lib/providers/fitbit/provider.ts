import "server-only";
import { env } from "@/lib/config/env";
import type { HealthProvider } from "@/lib/providers/types";
import { fitbitRequest } from "./api-client";
import { FITBIT_PROVIDER_ID } from "./id";
import { fitbitProvider } from "./nextauth-provider";
import { refreshFitbitToken, revokeFitbitToken } from "./oauth-client";
import { parseGrantedScopes } from "./scopes";
import { fetchFitbitDevices, fetchFitbitFoodDay, fetchFitbitStep } from "./sync/fetch";
import { fitbitPlan } from "./sync/plan";

/**
 * The legacy Fitbit Web API behind the provider boundary. Requests are budgeted from Fitbit's
 * `fitbit-rate-limit-*` headers (150/h per person); the reserve keeps a few requests of the hour
 * for what the person does by hand (signing in reads the profile, opening an older night's HRV).
 */
export const SAFETY_MARGIN = 10;

export const fitbit: HealthProvider = {
  id: FITBIT_PROVIDER_ID,
  copy: { name: "Fitbit", quotaWindow: "hourly", consentPage: "the Fitbit consent page" },
  configured: () => Boolean(env().FITBIT_CLIENT_ID && env().FITBIT_CLIENT_SECRET),
  nextAuthProvider: fitbitProvider,
  refreshToken: refreshFitbitToken,
  revokeToken: revokeFitbitToken,
  parseGrantedScopes,
  metricScopes: {
    sleep: "sleep",
    hrv: "heartrate",
    hrvIntraday: "heartrate",
    br: "respiratory_rate",
    nutrition: "nutrition",
    foodLogs: "nutrition",
    devices: "settings",
  },
  request: fitbitRequest,
  rateLimit: { kind: "headers", reserve: SAFETY_MARGIN },
  plan: fitbitPlan,
  fetchStep: fetchFitbitStep,
  fetchDevices: fetchFitbitDevices,
  fetchFoodDay: fetchFitbitFoodDay,
};
