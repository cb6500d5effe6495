/**
 * `npm run emulator`: runs the Fitbit emulator until SIGINT/SIGTERM.
 *
 * Env: EMULATOR_PORT (4010), EMULATOR_HOST (127.0.0.1), EMULATOR_CLIENTS (JSON array of
 * RegisteredClient; default the demo app), EMULATOR_TOKEN_LIFETIME_SECONDS (28800),
 * EMULATOR_RATE_LIMIT_PER_HOUR (150), EMULATOR_RETIRED=1 (start switched off),
 * EMULATOR_LOG=1 (print one redacted line per request; never tokens or codes).
 * Google side: EMULATOR_GOOGLE_CLIENTS (JSON array of GoogleClient; default the demo client),
 * EMULATOR_GOOGLE_TOKEN_LIFETIME_SECONDS (3600), EMULATOR_GOOGLE_RATE_LIMIT_PER_MINUTE (300).
 * Webhooks: EMULATOR_WEBHOOK_RETRY_BASE_MS (1000), EMULATOR_WEBHOOK_MAX_ATTEMPTS (8),
 * EMULATOR_WEBHOOK_SCAN_MS (30000; 0 = new nights announced only when the clock is moved).
 */
import { z } from "zod";
import { googleClientsSchema } from "./google/clients";
import { DEFAULT_CLIENT, DEFAULT_GOOGLE_CLIENT, startEmulator } from "./server";
import { registeredClientsSchema } from "./state";

const intFromEnv = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const envSchema = z.object({
  EMULATOR_PORT: intFromEnv(0, 65535).default(4010),
  EMULATOR_HOST: z.string().min(1).default("127.0.0.1"),
  EMULATOR_CLIENTS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON array of clients" });
        return z.NEVER;
      }
    })
    .pipe(registeredClientsSchema)
    .optional(),
  EMULATOR_GOOGLE_CLIENTS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON array of Google clients" });
        return z.NEVER;
      }
    })
    .pipe(googleClientsSchema)
    .optional(),
  EMULATOR_GOOGLE_TOKEN_LIFETIME_SECONDS: intFromEnv(1, 31_536_000).default(3600),
  EMULATOR_GOOGLE_RATE_LIMIT_PER_MINUTE: intFromEnv(1, 1_000_000).default(300),
  EMULATOR_WEBHOOK_RETRY_BASE_MS: intFromEnv(1, 3_600_000).default(1000),
  EMULATOR_WEBHOOK_MAX_ATTEMPTS: intFromEnv(1, 100).default(8),
  EMULATOR_WEBHOOK_SCAN_MS: intFromEnv(0, 3_600_000).default(30_000),
  EMULATOR_TOKEN_LIFETIME_SECONDS: intFromEnv(1, 31_536_000).default(28800),
  EMULATOR_RATE_LIMIT_PER_HOUR: intFromEnv(1, 1_000_000).default(150),
  EMULATOR_RETIRED: flag.default(false),
  EMULATOR_LOG: flag.default(false),
});

async function main(): Promise<void> {
  // An empty variable means "use the default", as in most CLIs.
  const env0 = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(env0);
  if (!parsed.success) {
    console.error(`Invalid emulator environment:\n${z.prettifyError(parsed.error)}`);
    process.exit(1);
  }
  const env = parsed.data;
  const clients = env.EMULATOR_CLIENTS ?? [DEFAULT_CLIENT];
  const googleClients = env.EMULATOR_GOOGLE_CLIENTS ?? [DEFAULT_GOOGLE_CLIENT];
  const emulator = await startEmulator({
    port: env.EMULATOR_PORT,
    host: env.EMULATOR_HOST,
    clients,
    tokenLifetimeSeconds: env.EMULATOR_TOKEN_LIFETIME_SECONDS,
    rateLimitPerHour: env.EMULATOR_RATE_LIMIT_PER_HOUR,
    retired: env.EMULATOR_RETIRED,
    googleClients,
    googleTokenLifetimeSeconds: env.EMULATOR_GOOGLE_TOKEN_LIFETIME_SECONDS,
    googleRateLimitPerMinute: env.EMULATOR_GOOGLE_RATE_LIMIT_PER_MINUTE,
    webhookRetryBaseMs: env.EMULATOR_WEBHOOK_RETRY_BASE_MS,
    webhookMaxAttempts: env.EMULATOR_WEBHOOK_MAX_ATTEMPTS,
    webhookScanMs: env.EMULATOR_WEBHOOK_SCAN_MS,
  });

  // Signal handlers first: whoever waits for the banner may stop us right after it.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping emulator`);
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("Error while stopping:", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  console.log(
    `Fitbit emulator listening on ${emulator.url}${env.EMULATOR_RETIRED ? " (RETIRED: every endpoint 410)" : ""}`,
  );
  for (const c of clients) {
    console.log(
      `  client ${c.clientId} (${c.appType}) redirect URIs: ${c.redirectUris.join(", ")}`,
    );
  }
  console.log(
    `Google OAuth + Health API on the same origin (authorize ${emulator.url}/o/oauth2/v2/auth)`,
  );
  for (const c of googleClients) {
    console.log(
      `  Google client ${c.clientId} (${c.name}) redirect URIs: ${c.redirectUris.join(", ")}`,
    );
  }
  if (env.EMULATOR_LOG) {
    // Log entries carry redacted paths only (see counters.ts), never headers or bodies.
    emulator.state.counters.onEntry = (e) =>
      console.log(
        `${new Date(e.atMs).toISOString()} ${e.method} ${e.path} -> ${e.status} [${e.endpoint}${e.userId ? ` ${e.userId}` : ""}]`,
      );
  }
}

main().catch((err: unknown) => {
  console.error("Emulator failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
