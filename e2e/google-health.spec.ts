import { expect, test, type Page } from "@playwright/test";
import { localToday, sleepLogsForDate, hrvForDate } from "../emulator/data/index";
import { findPerson } from "../emulator/people";
import { downloadYear, exportRows, healthUserId, releaseFitbitSync, signInWithGoogle, waitUntilHistoryComplete, type ExportRow } from "./support/google";
import { PEOPLE, emulator, forgetPerson, signInWithFitbit, sleepNightsShown, sql, type RequestCounters } from "./support/stack";

/**
 * Issue 7's "Done when" for the Google Health path, in Chromium against the running app and the
 * emulator's Google side: a new person's whole journey, then each failure Google can hand us.
 * Each person is new to Google sign-in here (one person per test).
 */

/** Google only (never had Fitbit): emulator/google/people.ts. */
const NOOR = { id: "GNOFIT", name: "Noor Pixel", displayName: "Noor" } as const;

// Each person here is new to Nightly: a Google sign-in would otherwise join the Fitbit account
// an earlier spec made for them (issue 9 §1), and later Fitbit-only specs must not find the
// Google connections made here.
const FITBIT_PEOPLE = [PEOPLE.ada, PEOPLE.sam, PEOPLE.riley, PEOPLE.dana];
test.beforeAll(async () => {
  for (const person of FITBIT_PEOPLE) await forgetPerson(person);
});
test.afterAll(async () => {
  for (const person of FITBIT_PEOPLE) await forgetPerson(person);
});

test.beforeEach(async () => {
  // Fresh counters, faults and rate windows: earlier specs' background syncs may have used them.
  await emulator("/reset", { body: {} });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Google keeps no calorie goal (reference §3.6): that one metric is the Fitbit path's alone. */
const comparable = (rows: ExportRow[]) => rows.filter((row) => row.metric !== "calorie_goal");

test("a new person signs in with Google → last 30 nights → the year completes → the download equals the Fitbit path's", async ({ page, browser }) => {
  test.setTimeout(480_000);
  const person = findPerson(PEOPLE.ada.id)!;
  const { nowMs } = await emulator<{ nowMs: number }>("/clock");
  const today = localToday(person, nowMs);
  const lastNights = Array.from({ length: 30 }, (_, index) => addDays(today, -index)).filter((date) =>
    sleepLogsForDate(person, date, nowMs).some((log) => log.isMainSleep),
  );

  await signInWithGoogle(page, PEOPLE.ada);
  // Copy follows the provider; the name comes from Google's ID token.
  await expect(page.getByTestId("header-name")).toHaveText("Ada Steady");
  await expect(page.getByRole("heading", { name: "Sync with Google" })).toBeVisible();
  await page.goto("/dashboard/sleep?preset=30d");
  await expect.poll(() => sleepNightsShown(page), { timeout: 60_000, intervals: [1_000, 2_000] }).toEqual([...lastNights].sort());

  await waitUntilHistoryComplete(page, 240_000);
  const google = await downloadYear(page);
  expect(google.rows.length).toBeGreaterThan(3_000);

  // The same demo person through the Fitbit (legacy) path, as a second Nightly account.
  const fitbitContext = await browser.newContext();
  const previousLimit = await releaseFitbitSync(PEOPLE.ada.id);
  try {
    const fitbitPage = await fitbitContext.newPage();
    await signInWithFitbit(fitbitPage, PEOPLE.ada);
    await releaseFitbitSync(PEOPLE.ada.id);
    const fitbitYear = async () => comparable(await exportRows(fitbitPage.request, google));
    await expect.poll(fitbitYear, { timeout: 240_000, intervals: [3_000] }).toEqual(comparable(google.rows));
  } finally {
    await emulator("/rate-limit", { body: { perHour: previousLimit } });
    await fitbitContext.close();
  }
});

/** Makes sure a sync is going: the one after sign-in, or "Sync now" when that one has finished. */
async function keepSyncing(page: Page) {
  await page.goto("/dashboard");
  const syncNow = page.getByRole("button", { name: "Sync now" });
  if (await syncNow.isEnabled()) await syncNow.click();
}

test("an expired access token (401) causes exactly one refresh, and the sync goes on", async ({ page }) => {
  test.setTimeout(300_000);
  await signInWithGoogle(page, PEOPLE.dana);
  await expect.poll(async () => (await emulator<RequestCounters>("/requests")).byEndpoint["google.sleep.list"] ?? 0).toBeGreaterThan(0);

  await emulator(`/users/${healthUserId(PEOPLE.dana)}/expire-access-tokens?provider=google`, { body: {} });
  await emulator("/requests/reset", { body: {} });
  await keepSyncing(page);
  await waitUntilHistoryComplete(page, 240_000);

  const counters = await emulator<RequestCounters & { byStatus: Record<string, number> }>("/requests");
  expect(counters.byEndpoint["google.oauth.token.refresh_token"]).toBe(1);
  expect(counters.byStatus["401"]).toBeGreaterThanOrEqual(1);
  const [connection] = await sql<{ status: string; refreshCount: number }>(
    `SELECT status, "refreshCount" FROM "ProviderConnection" WHERE "providerUserId" = $1`,
    [healthUserId(PEOPLE.dana)],
  );
  expect(connection).toEqual({ status: "ACTIVE", refreshCount: 1 });
  await expect(page.getByTestId("sync-status").getByTestId("sync-problems")).toHaveCount(0);
});

test("a revoked refresh token shows 'needs re-consent' and offers to reconnect Google", async ({ page }) => {
  test.setTimeout(180_000);
  await signInWithGoogle(page, NOOR);

  // The person removes Nightly in their Google account: every token of the grant dies.
  await emulator(`/users/${healthUserId(NOOR)}/revoke-tokens?provider=google`, { body: {} });
  await keepSyncing(page);

  await expect(async () => {
    await page.goto("/account");
    await expect(page.getByText("Needs you to sign in again")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
  await expect(page.getByText(/Google stopped accepting Nightly's access/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Reconnect Google" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByTestId("sync-status")).toContainText("Google needs you to sign in again");
});

test("a metric unticked on Google's consent page is explained in plain words; the others sync", async ({ page }) => {
  test.setTimeout(180_000);
  const person = findPerson(PEOPLE.sam.id)!;
  const { nowMs } = await emulator<{ nowMs: number }>("/clock");
  const today = localToday(person, nowMs);
  const lastNights = Array.from({ length: 30 }, (_, index) => addDays(today, -index)).filter((date) =>
    sleepLogsForDate(person, date, nowMs).some((log) => log.isMainSleep),
  );

  await signInWithGoogle(page, PEOPLE.sam, { untick: [/^See your health metrics/] });
  await page.goto("/dashboard/hrv");
  await expect(page.getByText("You didn't allow Nightly to read heart rate variability at Google")).toBeVisible();
  await expect(page.getByRole("button", { name: "Ask Google again" }).first()).toBeVisible();
  await page.goto("/dashboard/breathing");
  await expect(page.getByText(/You didn't allow Nightly to read breathing rate at Google/)).toBeVisible();

  await page.goto("/dashboard/sleep?preset=30d");
  await expect.poll(() => sleepNightsShown(page), { timeout: 60_000, intervals: [1_000, 2_000] }).toEqual([...lastNights].sort());
});

test("a 429 storm and empty middle pages of sleep: the whole history still arrives, nothing lost", async ({ page }) => {
  test.setTimeout(300_000);
  const person = findPerson(PEOPLE.riley.id)!;
  const id = healthUserId(PEOPLE.riley);
  await emulator("/google/paging", { body: { forceEmptyPages: true } });
  // 429s in a row on sleep and HRV (Google's own body, Retry-After 1 s); sign-in itself is spared.
  for (const endpoint of ["google.sleep.list", "google.daily-heart-rate-variability.list"])
    await emulator("/faults", { body: { kind: "429", endpoint, provider: "google", userId: id, count: 3, retryAfterSeconds: 1 } });
  try {
    await signInWithGoogle(page, PEOPLE.riley);
    await waitUntilHistoryComplete(page, 240_000);
  } finally {
    await emulator("/google/paging", { body: { forceEmptyPages: false } });
  }
  const counters = await emulator<RequestCounters & { byStatus: Record<string, number> }>("/requests");
  expect(counters.byStatus["429"]).toBeGreaterThanOrEqual(6);

  const { nowMs } = await emulator<{ nowMs: number }>("/clock");
  const year = await downloadYear(page);
  const days = Array.from({ length: 365 }, (_, index) => addDays(year.to, -index)).filter((date) => date >= year.from);
  const datesOf = (metric: string) => year.rows.filter((row) => row.metric === metric).map((row) => row.date).sort();
  const nights = days.filter((date) => sleepLogsForDate(person, date, nowMs).some((log) => log.isMainSleep)).sort();
  expect(nights.length).toBeGreaterThan(100);
  expect(datesOf("sleep_minutes_asleep")).toEqual(nights);
  const hrv = days.filter((date) => hrvForDate(person, date, nowMs) !== null).sort();
  expect(datesOf("hrv_daily_rmssd")).toEqual(hrv);
});

test.afterAll(async () => {
  await emulator("/faults", { method: "DELETE" });
});
