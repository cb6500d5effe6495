import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/test-env";
import { migrateDatabase } from "./migrate";

describe("migrations at start", () => {
  it("applies once, records them as Prisma does, and is a no-op the second time (also concurrently)", async () => {
    const url = await createTestDatabase(); // already migrated once
    const again = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    expect(again.map((result) => result.applied)).toEqual([[], []]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
      `SELECT migration_name, finished_at, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows.rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
