/**
 * The frame every operator command shares (keys:rotate, account:delete, import:shimmer): load
 * `.env`, pair the embedded database with the generated local secrets, check the environment
 * like the app does at boot, run the task, then close the database and exit with the task's code
 * (1 for anything thrown, printed as one line). Run under `--conditions=react-server` so the
 * app's `server-only` modules load outside Next.js.
 */
import { parseEnv, type Env } from "../../lib/config/env-schema";
import { resolveDatabase } from "./database";
import { ensureLocalSecrets } from "./local-secrets";
import { loadDotEnv } from "./processes";

export async function runOperatorCommand(task: (env: Env, databaseUrl: string) => Promise<number>): Promise<never> {
  loadDotEnv();
  if (!process.env.DATABASE_URL && !process.env.TOKEN_ENCRYPTION_KEY) Object.assign(process.env, ensureLocalSecrets());
  const database = await resolveDatabase();
  process.env.DATABASE_URL = database.url;
  let code = 0;
  try {
    code = await task(parseEnv(process.env), database.url);
    const { db } = await import("../../lib/db/client");
    await db.$disconnect();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    code = 1;
  } finally {
    await database.stop();
  }
  process.exit(code);
}
