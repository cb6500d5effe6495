/** The Google Health API's provider id (NextAuth provider id, `provider` column). Client-safe. */
export const GOOGLE_HEALTH_PROVIDER_ID = "google-health";
