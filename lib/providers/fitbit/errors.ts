import { AppError } from "@/lib/errors/app-error";
import { FitbitApiError } from "./api-client";

/** Maps a provider failure to what a person is told (and the HTTP status a route answers). */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof FitbitApiError)) return error;
  const failure = error.failure;
  switch (failure.kind) {
    case "rate_limited":
      return new AppError(429, "rate_limited", `Fitbit's hourly limit is used up; try again in ${Math.ceil(failure.retryAfterSeconds / 60)} min.`);
    case "insufficient_scope":
      return new AppError(403, "insufficient_scope", "You did not allow Nightly to read this data at Fitbit.");
    case "gone":
      return new AppError(410, "provider_retired", "The Fitbit Web API has been switched off.");
    case "invalid_payload":
      return new AppError(502, "invalid_provider_payload", "Fitbit sent data Nightly could not read.", failure.issues);
    case "unauthorized":
      return new AppError(409, "needs_reconsent", "Fitbit no longer accepts Nightly's access; sign in again.");
    default:
      return new AppError(502, "provider_unavailable", "Fitbit is not answering right now; try again shortly.");
  }
}
