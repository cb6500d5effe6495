/**
 * Which PostgreSQL a launcher uses: DATABASE_URL when set (checked for reachability, one clear
 * line when not), otherwise a real embedded PostgreSQL with its data under .data/ that is
 * reused on the next start.
 */
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { assertDatabaseReachable } from "../../lib/db/reachability";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function resolveDatabase(options: { dataDir?: string; port?: number } = {}): Promise<ResolvedDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await assertDatabaseReachable(configured);
    return { url: configured, embedded: false, stop: async () => {} };
  }
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const database = await startEmbeddedPostgres({ dataDir: options.dataDir ?? ".data/postgres", port, log: console.error });
  return { url: database.url, embedded: true, stop: database.stop };
}
