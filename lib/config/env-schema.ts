/**
 * The configuration contract. Shared by the server (lib/config/env.ts, validated at boot) and
 * the launchers (scripts/), which must check the same rules before they start anything.
 */
import { z } from "zod";

const url = z.string().url();

/** `TOKEN_ENCRYPTION_KEY`: comma-separated `keyId:base64key` entries, newest first. A bare
 * base64 key is accepted as key id `k1`. Every key is 32 bytes (AES-256). */
export const tokenKeysSchema = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const keys = value.split(",").map((entry, index) => {
      const trimmed = entry.trim();
      const separator = trimmed.indexOf(":");
      const id = separator === -1 ? (index === 0 ? "k1" : `k${index + 1}`) : trimmed.slice(0, separator);
      const material = Buffer.from(separator === -1 ? trimmed : trimmed.slice(separator + 1), "base64");
      return { id, material };
    });
    for (const key of keys) {
      if (!/^[A-Za-z0-9_-]{1,16}$/.test(key.id)) {
        ctx.addIssue({ code: "custom", message: `key id "${key.id}" must be 1-16 letters, digits, _ or -` });
      }
      if (key.material.length !== 32) {
        ctx.addIssue({ code: "custom", message: `key "${key.id}" must be 32 bytes of base64 (got ${key.material.length})` });
      }
    }
    if (new Set(keys.map((key) => key.id)).size !== keys.length) {
      ctx.addIssue({ code: "custom", message: "key ids must be unique" });
    }
    return keys;
  });

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_URL: url,
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters"),
  TOKEN_ENCRYPTION_KEY: tokenKeysSchema,
  /** Legacy Fitbit Web API app; optional (sign-in with Fitbit is offered only when set). */
  FITBIT_CLIENT_ID: z.string().min(1).optional(),
  FITBIT_CLIENT_SECRET: z.string().min(1).optional(),
  FITBIT_OAUTH_BASE_URL: url.default("https://www.fitbit.com"),
  FITBIT_API_BASE_URL: url.default("https://api.fitbit.com"),
  /** Google OAuth client (Web application) with the Google Health API enabled. */
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  /** Hosts `/o/oauth2/v2/auth`. */
  GOOGLE_OAUTH_BASE_URL: url.default("https://accounts.google.com"),
  GOOGLE_TOKEN_URL: url.default("https://oauth2.googleapis.com/token"),
  GOOGLE_REVOKE_URL: url.default("https://oauth2.googleapis.com/revoke"),
  /** Google's signing keys for the sign-in ID token (whose issuer is GOOGLE_OAUTH_BASE_URL's origin). */
  GOOGLE_JWKS_URL: url.default("https://www.googleapis.com/oauth2/v3/certs"),
  GOOGLE_HEALTH_API_BASE_URL: url.default("https://health.googleapis.com"),
  /** Push (Google Health webhooks, docs/decisions/0017-google-health-push.md): the secret Google
   * sends as `Authorization` on every notification. Unset = push off, polling only. */
  GOOGLE_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").max(512).optional(),
  /** Where Google publishes the Tink keyset that signs notifications (`X-HEALTHAPI-SIGNATURE`). */
  GOOGLE_WEBHOOK_KEYSET_URL: url.optional(),
  /** `npm start`: how many Next.js processes serve PORT together (node:cluster shares the socket;
   * decision 0020). `auto` (default): one per CPU core. Each also runs background jobs unless
   * NIGHTLY_WORKER=off. */
  NIGHTLY_WEB_PROCESSES: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(64)]).default("auto"),
  /** `on` (default): this web process also runs background jobs. `off`: web only. */
  NIGHTLY_WORKER: z.enum(["on", "off"]).default("on"),
  /** Set by `npm run demo`: emulator-backed, seeded, with generated secrets under .data/. */
  NIGHTLY_DEMO: z.enum(["0", "1"]).default("0"),
  /** Emulator control URL, shown on demo pages only. */
  EMULATOR_URL: url.optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Days a dead connection (needs re-consent, retired) keeps its encrypted tokens. */
  DEAD_CONNECTION_TOKEN_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Staff sign-in through OpenID Connect: the issuer URL (discovery at
   * $OIDC_ISSUER/.well-known/openid-configuration) and this app's client. All three or none. */
  OIDC_ISSUER: url.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Comma-separated staff email addresses that become admins when they sign in. */
  ADMIN_EMAILS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((email) => email.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.email("ADMIN_EMAILS must be comma-separated email addresses"))),
}).superRefine((value, ctx) => {
  const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
      if (!value[name]) ctx.addIssue({ code: "custom", path: [name], message: "staff sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together" });
    }
  }
});

/** Each provider's credentials come as a pair, and at least one provider is configured. */
const checkedEnvSchema = envSchema.superRefine((env, ctx) => {
  for (const [id, secret] of [
    ["FITBIT_CLIENT_ID", "FITBIT_CLIENT_SECRET"],
    ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  ] as const) {
    if (Boolean(env[id]) !== Boolean(env[secret]))
      ctx.addIssue({ code: "custom", path: [env[id] ? secret : id], message: `set together with ${env[id] ? id : secret}` });
  }
  if (env.GOOGLE_WEBHOOK_SECRET && !env.GOOGLE_WEBHOOK_KEYSET_URL)
    ctx.addIssue({ code: "custom", path: ["GOOGLE_WEBHOOK_KEYSET_URL"], message: "push needs the keyset URL that verifies notification signatures" });
  if (!env.GOOGLE_CLIENT_ID && !env.FITBIT_CLIENT_ID)
    ctx.addIssue({
      code: "custom",
      path: ["GOOGLE_CLIENT_ID"],
      message: "set the Google client (or, for the legacy API, FITBIT_CLIENT_ID and FITBIT_CLIENT_SECRET)",
    });
});

export type Env = z.infer<typeof envSchema>;

/** Human-readable list of what is wrong, one variable per line, values never echoed. */
export function describeEnvErrors(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`)
    .join("\n");
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = checkedEnvSchema.safeParse({
    ...source,
    NEXTAUTH_URL: source.NEXTAUTH_URL ?? `http://localhost:${source.PORT ?? 3000}`,
  });
  if (!result.success) {
    throw new Error(`Invalid configuration (see .env.example):\n${describeEnvErrors(result.error)}`);
  }
  return result.data;
}
