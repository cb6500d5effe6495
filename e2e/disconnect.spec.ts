import { expect, test } from "@playwright/test";
import { PEOPLE, emulator, signInWithFitbit, sql } from "./support/stack";

interface TokenSummary {
  activeAccessTokens: number;
  activeRefreshTokens: number;
  revokedAt: number | null;
}

test("Disconnect Fitbit revokes at the provider, deletes the tokens and ends the sessions", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.sam);
  await page.goto("/account");
  const before = await emulator<TokenSummary>(`/users/${PEOPLE.sam.id}/tokens`);
  expect(before.activeRefreshTokens).toBe(1);

  await page.getByRole("button", { name: "Disconnect Fitbit" }).click();
  await page.getByRole("button", { name: "Yes, disconnect Fitbit" }).click();
  await expect(page.getByText("Disconnected: Nightly revoked its access and deleted your tokens.")).toBeVisible();

  const after = await emulator<TokenSummary>(`/users/${PEOPLE.sam.id}/tokens`);
  expect(after.activeAccessTokens).toBe(0);
  expect(after.activeRefreshTokens).toBe(0);
  expect(after.revokedAt).not.toBeNull();

  const rows = await sql<{ status: string; accessTokenEnc: string | null; refreshTokenEnc: string | null; sessions: string }>(
    `SELECT c.status, c."accessTokenEnc", c."refreshTokenEnc",
            (SELECT count(*) FROM "Session" s WHERE s."userId" = c."userId")::text AS sessions
       FROM "ProviderConnection" c WHERE c."providerUserId" = $1`,
    [PEOPLE.sam.id],
  );
  expect(rows).toEqual([{ status: "REVOKED", accessTokenEnc: null, refreshTokenEnc: null, sessions: "0" }]);

  await page.goto("/account");
  await expect(page).toHaveURL(/signin=required/);
});
