/**
 * Server start-up in a Node.js runtime: validate the configuration (fail fast with a readable
 * list instead of failing on the first request).
 */
import { parseEnv } from "./lib/config/env-schema";

try {
  parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
