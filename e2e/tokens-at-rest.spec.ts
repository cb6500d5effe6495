import { expect, test } from "@playwright/test";
import { decryptToken } from "../lib/crypto/token-cipher";
import { tokenKeysSchema } from "../lib/config/env-schema";
import { PEOPLE, signInWithFitbit, sql } from "./support/stack";

test("The stored token columns hold no plaintext token, anywhere in the database", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.dana);
  await page.goto("/account");
  const [row] = await sql<{ id: string; accessTokenEnc: string; refreshTokenEnc: string }>(
    `SELECT id, "accessTokenEnc", "refreshTokenEnc" FROM "ProviderConnection" WHERE "providerUserId" = $1`,
    [PEOPLE.dana.id],
  );
  expect(row).toBeDefined();
  const keys = tokenKeysSchema.parse(process.env.E2E_TOKEN_KEY);
  const access = decryptToken(row!.accessTokenEnc, keys, `connection:${row!.id}:access`);
  const refresh = decryptToken(row!.refreshTokenEnc, keys, `connection:${row!.id}:refresh`);
  expect(access.length).toBeGreaterThan(20);
  expect(refresh).toMatch(/^[0-9a-f]{64}$/);
  expect(row!.accessTokenEnc).toMatch(/^v1\.e2e1\./);

  // No table, no column: search every text-like value in the public schema for either token.
  const columns = await sql<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  for (const { table_name, column_name } of columns) {
    const hits = await sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE '%' || $1 || '%' OR "${column_name}"::text LIKE '%' || $2 || '%'`,
      [access, refresh],
    );
    expect(hits[0]!.n, `${table_name}.${column_name}`).toBe("0");
  }
});
