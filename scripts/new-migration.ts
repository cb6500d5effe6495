/**
 * `npx tsx scripts/new-migration.ts <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * from the difference between the committed schema (git HEAD) and prisma/schema.prisma.
 * (`prisma migrate dev` needs a shadow database the WebAssembly engine cannot drive.)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { freePort } from "../lib/testing/free-port";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: tsx scripts/new-migration.ts <snake_case_name>");
  process.exit(1);
}
const previous = path.join(mkdtempSync(path.join(tmpdir(), "nightly-schema-")), "prev.prisma");
writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
// The CLI's driver adapter wants a reachable database even for a schema-to-schema diff.
// A fresh data directory and a free port: several people (or worktrees) may run this at once.
const database = await startEmbeddedPostgres({ dataDir: path.join(mkdtempSync(path.join(tmpdir(), "nightly-migration-pg-")), "pg"), port: await freePort() });
try {
  const sql = execFileSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: { ...process.env, DATABASE_URL: database.url } },
  ).toString();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma/migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${dir}/migration.sql`);
} finally {
  await database.stop();
}
