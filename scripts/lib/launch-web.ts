/**
 * The part of `npm start` and `npm run dev` after configuration: database (DATABASE_URL or
 * embedded), migrations, then Next.js. Imports nothing from the emulator.
 */
import { parseEnv } from "../../lib/config/env-schema";
import { migrateDatabase } from "../../lib/db/migrate";
import { resolveDatabase } from "./database";
import { forkNextServers, nextBin, onShutdown, spawnChild, webProcessCount } from "./processes";

export async function launchWeb(mode: "production" | "development"): Promise<void> {
  const dev = mode === "development";
  const database = await resolveDatabase();
  onShutdown(database.stop);
  process.env.DATABASE_URL = database.url;
  const { applied } = await migrateDatabase(database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

  const env = parseEnv({ ...process.env, NODE_ENV: mode });
  // NextAuth v4 falls back to http://localhost:3000 on its own; give it the URL our default means.
  process.env.NEXTAUTH_URL = env.NEXTAUTH_URL;
  // In production Next.js leaves SIGTERM to instrumentation-node.ts, which stops the in-process
  // sync worker gracefully before exiting (Next.js would otherwise exit at once).
  const childEnv = dev ? { ...process.env } : { ...process.env, NEXT_MANUAL_SIG_HANDLE: "1" };
  if (dev) spawnChild(process.execPath, [nextBin(), "dev", "-p", String(env.PORT)], childEnv, "Next.js");
  const servers = dev ? 1 : webProcessCount(env.NIGHTLY_WEB_PROCESSES);
  if (!dev) forkNextServers(servers, env.PORT, childEnv);
  const processes = servers > 1 ? ` (${servers} web processes)` : "";
  console.log(`Nightly ${dev ? "(dev) " : ""}on ${env.NEXTAUTH_URL}${processes}${database.embedded ? " with embedded PostgreSQL (.data/postgres)" : ""}`);
}
