/**
 * Demo mode (`npm run demo`): the emulator runs with a raised rate limit so a demo person's whole
 * year arrives within about a minute. Real providers allow far less; the banner says so.
 */
export const DEMO_RATE_LIMIT_PER_HOUR = 20_000;
export const REAL_LIMITS_SENTENCE = "real Fitbit allows 150 requests an hour, Google 300 a minute";
