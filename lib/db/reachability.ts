/**
 * One clear line when DATABASE_URL points nowhere, instead of a driver stack trace.
 */
import pg from "pg";

export function describeDatabaseHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || "localhost"}:${parsed.port || "5432"}/${parsed.pathname.slice(1)}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/** Resolves when PostgreSQL answers; rejects with a one-line message naming the host. */
export async function assertDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const where = describeDatabaseHost(url);
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  } catch {
    throw new Error(`DATABASE_URL is not a valid PostgreSQL connection string.`);
  }
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = error instanceof Error ? (error as NodeJS.ErrnoException).code ?? error.message : String(error);
    throw new Error(`Cannot reach PostgreSQL at ${where} (DATABASE_URL): ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}
