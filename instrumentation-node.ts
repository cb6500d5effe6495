/**
 * Server start-up in a Node.js runtime: validate the configuration (fail fast with a readable
 * list instead of failing on the first request).
 */
import { parseEnv } from "./lib/config/env-schema";

try {
  // NextAuth v4 would assume http://localhost:3000 without NEXTAUTH_URL; use the documented
  // default (http://localhost:$PORT) instead.
  process.env.NEXTAUTH_URL ??= parseEnv(process.env).NEXTAUTH_URL;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

// Background sync in the web process unless a separate worker (`npm run worker`) does it.
if (process.env.NIGHTLY_WORKER !== "off") {
  const { startWorker, stopWorker } = await import("./lib/sync/worker");
  startWorker().catch((error: unknown) => {
    console.error("sync worker did not start:", error instanceof Error ? error.message : String(error));
  });
  // Running syncs stop after their current chunk (progress is committed per chunk) and are re-queued.
  process.once("SIGTERM", () => void stopWorker());
}
