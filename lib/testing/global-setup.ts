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

export default async function setup(project: TestProject) {
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
