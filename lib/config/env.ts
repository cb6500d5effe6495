import "server-only";
import { parseEnv, type Env } from "./env-schema";

/** Validated configuration, read once per process. Throws a readable list at boot when wrong. */
let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
