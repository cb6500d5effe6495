/** `next build` when the sources changed since the last build (demo "builds if needed"). */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { nextBin } from "./processes";

const SOURCES = ["app", "components", "lib", "public", "next.config.mjs", "package-lock.json", "tsconfig.json", "instrumentation.ts", "instrumentation-node.ts"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

/**
 * A checkout that pulled a schema change without `npm ci` still has the old generated client
 * (postinstall makes it), and `next build` would fail on it: generate it again first.
 */
export function generatePrismaClientIfStale(env: NodeJS.ProcessEnv): void {
  const client = "lib/generated/prisma/client.ts";
  if (existsSync(client) && statSync(client).mtimeMs > statSync("prisma/schema.prisma").mtimeMs) return;
  console.log("The database schema changed since the Prisma client was generated; generating it…");
  const prisma = path.join("node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [prisma, "generate"], {
    stdio: "inherit",
    env: { ...env, DATABASE_URL: env.DATABASE_URL ?? "postgresql://localhost/unused" },
  });
  if (result.status !== 0) throw new Error("prisma generate failed");
}

export function buildIfNeeded(env: NodeJS.ProcessEnv): void {
  generatePrismaClientIfStale(env);
  const buildId = ".next/BUILD_ID";
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map(newestMtime));
  if (built > changed) return;
  console.log(built ? "Sources changed since the last build; building…" : "Building Nightly (first run, about a minute)…");
  const result = spawnSync(process.execPath, [nextBin(), "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error("next build failed");
}
