/** Fitbit's provider id (NextAuth provider id, `provider` column). Client-safe. */
export const FITBIT_PROVIDER_ID = "fitbit";
