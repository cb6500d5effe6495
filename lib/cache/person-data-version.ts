import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

/**
 * A person's data version: changes with every committed write to any table their pages read
 * (statement triggers of migration `person_data_version`; decision 0020). The sum of their change
 * rows grows with each commit in commit order (folding rows keeps the sum), so a summary computed
 * after reading version v holds data at least as new as v; the highest id tells a fresh start of
 * the table (a restored backup) from the history it replaced. Read once per request (React cache).
 */
export const personDataVersion = cache(async (userId: string): Promise<string> => {
  const [row] = await db.$queryRaw<Array<{ total: bigint | null; newest: bigint | null }>>`
    SELECT sum(weight) AS total, max(id) AS newest FROM "PersonDataChange" WHERE "userId" = ${userId}`;
  return `${row?.total ?? 0}.${row?.newest ?? 0}`;
});

/**
 * Housekeeping (the worker's schedule tick): folds each person's change rows into one row of the
 * same total, in one statement, so readers see the same version before and after; drops the rows
 * of people who no longer exist. Writers only insert, so this waits on nobody.
 */
export async function compactPersonDataChanges(): Promise<number> {
  const folded = await db.$executeRaw`
    WITH many AS (SELECT "userId" FROM "PersonDataChange" GROUP BY "userId" HAVING count(*) > 1),
    gone AS (DELETE FROM "PersonDataChange" c USING many WHERE c."userId" = many."userId" RETURNING c."userId", c.weight)
    INSERT INTO "PersonDataChange" ("userId", weight) SELECT "userId", sum(weight) FROM gone GROUP BY "userId"`;
  await db.$executeRaw`
    DELETE FROM "PersonDataChange" c WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = c."userId")`;
  return folded;
}

/**
 * "Delete my data" leaves nothing naming the person: their change rows (which the deletion's own
 * cascade just added to) go at once instead of at the next housekeeping tick.
 */
export async function forgetPersonDataChanges(userId: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "PersonDataChange" WHERE "userId" = ${userId}`;
}
