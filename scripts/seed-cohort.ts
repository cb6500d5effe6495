/**
 * `npm run seed:cohort -- --participants 500 [--days 120] [--member you@uni.example]`: a large
 * synthetic study in DATABASE_URL (or the embedded database under .data/, as `npm run demo`
 * uses). `--member` puts an existing staff user (signed in once) on the study team; without
 * it the study belongs to a new "Synthetic Researcher".
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { migrateDatabase } from "../lib/db/migrate";
import { resolveDatabase } from "./lib/database";
import { seedSyntheticCohort } from "./lib/synthetic-cohort";

const argsSchema = z.strictObject({
  participants: z.coerce.number().int().min(1).max(5000),
  days: z.coerce.number().int().min(7).max(730).default(120),
  member: z.email().toLowerCase().optional(),
});

const { values } = parseArgs({ options: { participants: { type: "string" }, days: { type: "string" }, member: { type: "string" } }, strict: true });
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  console.error(`seed:cohort: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  console.error("usage: npm run seed:cohort -- --participants 500 [--days 120] [--member researcher@uni.example]");
  process.exit(2);
}
const args = parsed.data;
const database = await resolveDatabase();
try {
  await migrateDatabase(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let memberId: string;
  try {
    if (args.member) {
      const found = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1 AND role IN ('RESEARCHER', 'ADMIN')`, [args.member]);
      if (!found.rows[0]) throw new Error(`No researcher or admin with email ${args.member} has signed in yet.`);
      memberId = found.rows[0].id;
    } else {
      const created = await client.query<{ id: string }>(
        `INSERT INTO "User" (id, name, role, "updatedAt") VALUES ('synres' || md5(random()::text), 'Synthetic Researcher', 'RESEARCHER', now()) RETURNING id`,
      );
      memberId = created.rows[0]!.id;
    }
  } finally {
    await client.end();
  }
  const started = Date.now();
  const result = await seedSyntheticCohort(database.url, { participants: args.participants, days: args.days, memberIds: [memberId] });
  console.log(`Study ${result.studyId}: ${result.participants} participants, ${result.nights} nights, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error(`seed:cohort: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
