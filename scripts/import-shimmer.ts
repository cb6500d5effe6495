/**
 * `npm run import:shimmer -- <file> [--study <studyId>]`: imports Shimmer-style OAuth 1.0
 * authorization records (a JSON array or NDJSON) as pending re-authorizations (issue 9 §2), all
 * or nothing, exactly as the admin console's upload does. Prints the links as CSV
 * (`line,username,link`) on stdout (each is shown once: only its hash is stored) and the summary
 * and any problems, with their line numbers, on stderr. Exit 0 when imported (or all unchanged),
 * 1 when nothing was imported because of problems, 2 for a usage error.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runOperatorCommand } from "./lib/operator-command";

const usage = "usage: npm run import:shimmer -- <file> [--study <studyId>]";
let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { study: { type: "string" } } });
}
try {
  args = parse();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
const file = args.positionals[0];
const studyId = args.values.study ?? null;
if (!file || args.positionals.length > 1 || (studyId !== null && !/^[a-z0-9]{20,32}$/.test(studyId))) {
  console.error(usage);
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (error) {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

// stdout carries only the links' CSV: the app's info lines (JSON on stdout) stay out of it.
process.env.LOG_LEVEL ??= "warn";
await runOperatorCommand(async (_env, databaseUrl) => {
  // Like `npm start`: the tables must exist (a no-op on a database Nightly already migrated).
  const { migrateDatabase } = await import("../lib/db/migrate");
  await migrateDatabase(databaseUrl);
  const started = performance.now();
  const { importShimmerFile } = await import("../lib/import/shimmer/import-records");
  const { csvLines } = await import("../lib/research/export/csv");
  const report = await importShimmerFile(text, { studyId });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const problem of report.problems) console.error(`line ${problem.line}: ${problem.message}`);
  if (report.problems.length > 0) {
    const one = report.problems.length === 1;
    console.error(`Nothing imported: ${report.problems.length} ${one ? "problem" : "problems"} in ${file}. Fix ${one ? "it" : "them"} and import the whole file again.`);
    return 1;
  }
  if (report.imported.length > 0) process.stdout.write(csvLines([["line", "username", "link"], ...report.imported.map((entry) => [entry.line, entry.username, entry.link])]));
  console.error(
    `Imported ${report.imported.length} (${report.format}${report.provider ? `, links lead to ${report.provider}` : ""}); ${report.unchanged.length} already imported and left unchanged; ${seconds} s.`,
  );
  return 0;
});
