/**
 * `npm start` (production): refuses unsafe configuration (scripts/lib/production-guards.ts), then
 * database (DATABASE_URL or embedded), migrations and Next.js. The web process also runs the
 * background worker unless NIGHTLY_WORKER=off; more workers: `npm run worker`. Development with
 * the emulator is `npm run dev` (scripts/dev.ts): this launcher never imports the emulator.
 */
import { existsSync, readFileSync } from "node:fs";
import { launchWeb } from "./lib/launch-web";
import { handleSignals, loadDotEnv, runLauncher } from "./lib/processes";
import { productionStartProblem, type LocalSecrets } from "./lib/production-guards";

await runLauncher(async () => {
  handleSignals();
  loadDotEnv();
  const problem = productionStartProblem(process.env, readLocalSecrets());
  if (problem) throw new Error(problem);
  await launchWeb("production");
});

/** The secrets demo/dev generated on this machine, if any (to refuse them in production). */
function readLocalSecrets(): LocalSecrets | null {
  const file = ".data/local-secrets.json";
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  } catch {
    return null;
  }
}
