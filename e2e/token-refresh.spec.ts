import { expect, test } from "@playwright/test";
import { tokenKeysSchema } from "../lib/config/env-schema";
import { decryptToken } from "../lib/crypto/token-cipher";
import { APP_B_URL, APP_URL, EMULATOR_URL, PEOPLE, emulator, signInWithFitbit, sql, type RequestCounters } from "./support/stack";

/**
 * Fitbit refresh tokens are single use. With the access token expired at the provider, twenty
 * concurrent requests spread over TWO app processes on one database must cause exactly one
 * refresh, and every request must still succeed.
 */
test("20 concurrent requests on two app processes cause exactly one token refresh", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.sam);
  await expect(page).toHaveURL(/\/(dashboard|account)/);
  const cookies = await page.context().cookies();
  const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

  for (const round of [1, 2]) {
    await emulator(`/users/${PEOPLE.sam.id}/expire-access-tokens`, { body: {} });
    // Fresh counters and rate windows: the background sync may have used Sam's hourly quota,
    // and this test is about refreshes, not the rate limit.
    await emulator("/reset", { body: {} });
    const { refreshCount: before } = (await refreshState())[0]!;

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        fetch(`${index % 2 === 0 ? APP_URL() : APP_B_URL()}/api/fitbit/profile`, { method: "POST", headers: { cookie: cookieHeader } }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses, `round ${round}`).toEqual(Array(20).fill(200));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as Array<{ profile: { fitbitUserId: string } }>;
    expect(new Set(bodies.map((body) => body.profile.fitbitUserId))).toEqual(new Set([PEOPLE.sam.id]));

    const counters = await emulator<RequestCounters>("/requests");
    expect(counters.byEndpoint["oauth.token.refresh_token"], `refreshes in round ${round}`).toBe(1);
    const { refreshCount: after, status } = (await refreshState())[0]!;
    expect(after - before).toBe(1);
    expect(status).toBe("ACTIVE");
  }

  // Still signed in, on both processes.
  await page.goto(`${APP_URL()}/account`);
  await expect(page.getByTestId("profile-name")).toHaveText("Sam");
  await page.goto(`${APP_B_URL()}/account`);
  await expect(page.getByTestId("profile-name")).toHaveText("Sam");
});

test("A refresh token Fitbit no longer accepts puts the connection in a visible needs-re-consent state", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.riley);
  await page.goto("/account");
  // Revoking at the provider behind Nightly's back (as a person could in Fitbit's settings)
  // makes both tokens invalid; the next refresh gets invalid_grant.
  const [row] = await sql<{ id: string; refreshTokenEnc: string }>(
    `SELECT id, "refreshTokenEnc" FROM "ProviderConnection" WHERE "providerUserId" = $1`,
    [PEOPLE.riley.id],
  );
  const refreshToken = decryptToken(row!.refreshTokenEnc, tokenKeysSchema.parse(process.env.E2E_TOKEN_KEY), `connection:${row!.id}:refresh`);
  const revoked = await fetch(`${EMULATOR_URL()}/oauth2/revoke`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from("23NITE:nightly-demo-secret").toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ token: refreshToken }).toString(),
  });
  expect(revoked.status).toBe(200);
  const response = await page.request.post("/api/fitbit/profile");
  expect(response.status()).toBe(409);
  expect((await response.json()).error.code).toBe("needs_reconsent");
  await page.goto("/account");
  await expect(page.getByText("Needs you to sign in again")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reconnect Fitbit" })).toBeVisible();
});

function refreshState() {
  return sql<{ refreshCount: number; status: string }>(
    `SELECT "refreshCount", status FROM "ProviderConnection" WHERE "providerUserId" = $1`,
    [PEOPLE.sam.id],
  );
}
