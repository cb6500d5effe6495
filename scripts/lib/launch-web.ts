/**
 * The part of `npm start` and `npm run dev` after configuration: database (DATABASE_URL or
 * embedded), migrations, then Next.js. Imports nothing from the emulator.
 */
import { parseEnv } from "../../lib/config/env-schema";
import { migrateDatabase } from "../../lib/db/migrate";
import { resolveDatabase } from "./database";
import { nextBin, onShutdown, spawnChild } from "./processes";

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
  spawnChild(process.execPath, [nextBin(), dev ? "dev" : "start", "-p", String(env.PORT)], childEnv, "Next.js");
  console.log(`Nightly ${dev ? "(dev) " : ""}on ${env.NEXTAUTH_URL}${database.embedded ? " with embedded PostgreSQL (.data/postgres)" : ""}`);
}
