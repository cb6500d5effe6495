/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded database).
 * `-- --prisma-cli` runs Prisma's own `migrate deploy` instead (same bookkeeping; slower).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { migrateDatabase } from "../lib/db/migrate";
import { resolveDatabase } from "./lib/database";
import { loadDotEnv, runLauncher, shutdown } from "./lib/processes";

await runLauncher(async () => {
  loadDotEnv();
  const database = await resolveDatabase();
  try {
    if (process.argv.includes("--prisma-cli")) {
      const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
      const result = spawnSync(process.execPath, [cli, "migrate", "deploy"], {
        stdio: "inherit",
        env: { ...process.env, DATABASE_URL: database.url },
      });
      if (result.status !== 0) throw new Error("prisma migrate deploy failed");
    } else {
      const { applied } = await migrateDatabase(database.url);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
    }
  } finally {
    await database.stop();
  }
  await shutdown(0);
});
