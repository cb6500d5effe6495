import { expect, test, type Page } from "@playwright/test";
import { findPerson } from "../emulator/people";
import { localToday, sleepLogsForDate } from "../emulator/data/index";
import { PEOPLE, emulator, forgetPerson, signInWithFitbit, sleepNightsShown, sql, type Person } from "./support/stack";

/**
 * Issue 9 §1 in the browser: a participant synced through the legacy Fitbit Web API; the legacy
 * API is switched off (410); the dashboard asks them to update their connection; Google consent
 * with the Google account their Fitbit moved to joins the same participant, and the same nights
 * stay on the charts with no gap and none twice, now read through Google. A Google account that
 * names no (or another) Fitbit account joins nothing. The people used here are deleted at the
 * end and the legacy API switched back on, so later specs start as before.
 */
test.describe.configure({ mode: "serial" });

const userIdOf = async (person: Person) =>
  (await sql<{ userId: string }>(`SELECT "userId" FROM "ProviderConnection" WHERE provider = 'fitbit' AND "providerUserId" = $1`, [person.id]))[0]
    ?.userId;

// Ada and Riley start new (earlier specs may have connected Ada's Google account already) and
// are forgotten again at the end.
test.beforeAll(async () => {
  for (const person of [PEOPLE.ada, PEOPLE.riley]) await forgetPerson(person);
});
// The first test runs the legacy part one day in the emulator's past, so that after the move a
// night the legacy API never saw becomes visible and can only arrive through Google.
const DAY_SECONDS = 86_400;
let clockShifted = false;
test.afterAll(async () => {
  if (clockShifted) await emulator("/clock", { body: { advanceSeconds: DAY_SECONDS } });
  await emulator("/retired", { body: { retired: false } });
  for (const person of [PEOPLE.ada, PEOPLE.riley]) await forgetPerson(person);
});

async function nightsShown(page: Page): Promise<string[]> {
  await page.goto("/dashboard/sleep?preset=30d");
  return sleepNightsShown(page);
}

/** Sync now until the legacy API's 410 has retired the connection and the notice shows. */
async function waitForUpdateNotice(page: Page) {
  await expect(async () => {
    await page.goto("/dashboard");
    const notice = page.getByTestId("update-connection");
    if (!(await notice.isVisible())) {
      const syncNow = page.getByRole("button", { name: "Sync now" });
      if (await syncNow.isEnabled()) await syncNow.click();
    }
    await expect(notice).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 3_000, 5_000] });
}

async function chooseGoogleAccount(page: Page, name: RegExp) {
  await expect(page).toHaveURL(/\/o\/oauth2\/v2\/auth/);
  await page.getByRole("radio", { name }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/dashboard"), { timeout: 30_000 });
}

/** Sync now until the 30-night table shows exactly `expected`. */
async function syncUntilNightsShown(page: Page, expected: string[]) {
  await expect(async () => {
    await page.goto("/dashboard");
    const syncNow = page.getByRole("button", { name: "Sync now" });
    if (await syncNow.isEnabled()) await syncNow.click();
    expect(await nightsShown(page)).toEqual(expected);
  }).toPass({ timeout: 120_000, intervals: [2_000, 3_000, 5_000] });
}

test("a Fitbit participant moves to Google: notice, consent, the same nights with no gap and none twice, and new nights through Google", async ({ page }) => {
  test.setTimeout(360_000);
  const person = findPerson(PEOPLE.ada.id)!;
  // The dashboard's 30 nights end on the app's (real) today.
  const { nowMs: realNow } = await emulator<{ nowMs: number }>("/clock");
  const today = localToday(person, realNow);
  const window = Array.from({ length: 30 }, (_, index) => new Date(Date.parse(`${today}T00:00:00Z`) - index * 86_400_000).toISOString().slice(0, 10));
  const mainNights = (nowMs: number) => window.filter((date) => sleepLogsForDate(person, date, nowMs).some((log) => log.isMainSleep)).sort();
  // The legacy part happens a day earlier at the provider.
  const { nowMs } = await emulator<{ nowMs: number }>("/clock", { body: { advanceSeconds: -DAY_SECONDS } });
  clockShifted = true;
  const expected = mainNights(nowMs);
  expect(expected.length).toBeGreaterThan(25);

  await signInWithFitbit(page, PEOPLE.ada);
  await expect.poll(() => nightsShown(page), { timeout: 120_000, intervals: [2_000, 3_000] }).toEqual(expected);
  const userId = await userIdOf(PEOPLE.ada);
  expect(userId).toBeTruthy();

  await emulator("/retired", { body: { retired: true } });
  await waitForUpdateNotice(page);
  await expect(page.getByText("Your history is safe and stays here.")).toBeVisible();
  // Still signed in, history still shown while the connection waits to be updated.
  expect(await nightsShown(page)).toEqual(expected);

  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Update your connection with Google" }).click();
  await chooseGoogleAccount(page, /Ada Steady/);
  await expect(page.getByTestId("moved")).toContainText("Your connection now uses Google");
  await expect(page.getByTestId("update-connection")).toHaveCount(0);

  // The same participant: one user, both connections, the legacy one marked moved.
  const connections = await sql<{ provider: string; status: string; moved: boolean }>(
    `SELECT provider, status::text AS status, "movedAt" IS NOT NULL AS moved FROM "ProviderConnection" WHERE "userId" = $1 ORDER BY provider`,
    [userId],
  );
  expect(connections).toEqual([
    { provider: "fitbit", status: "RETIRED", moved: true },
    { provider: "google-health", status: "ACTIVE", moved: false },
  ]);
  expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'connection.move' AND "subjectUserId" = $1`, [userId])).toHaveLength(1);

  // Google's copy of the same nights arrives; the charts show each night once, with no gap.
  await expect
    .poll(async () => Number((await sql<{ n: string }>(`SELECT count(DISTINCT "dateOfSleep") AS n FROM "SleepLog" WHERE "userId" = $1 AND provider = 'google-health' AND "isMainSleep"`, [userId]))[0]!.n), {
      timeout: 120_000,
    })
    .toBeGreaterThanOrEqual(expected.length);
  expect(await nightsShown(page)).toEqual(expected);
  const tableRows = await page.getByRole("figure", { name: "Sleep stages", exact: true }).locator("tbody tr").count();
  expect(tableRows).toBe(30);

  // A day later at the provider: the night(s) the legacy API never saw arrive through Google,
  // the charts show them after the others with no gap, and no legacy row exists for them.
  const { nowMs: later } = await emulator<{ nowMs: number }>("/clock", { body: { advanceSeconds: DAY_SECONDS } });
  clockShifted = false;
  const expectedLater = mainNights(later);
  const arrived = expectedLater.filter((date) => !expected.includes(date));
  expect(arrived.length).toBeGreaterThan(0);
  await syncUntilNightsShown(page, expectedLater);
  const sources = await sql<{ provider: string }>(`SELECT DISTINCT provider FROM "SleepLog" WHERE "userId" = $1 AND "dateOfSleep" = ANY($2::date[])`, [userId, arrived]);
  expect(sources).toEqual([{ provider: "google-health" }]);
});

test("a Google account that names no Fitbit account, or another one, joins nothing and says why", async ({ page }) => {
  test.setTimeout(240_000);
  await emulator("/retired", { body: { retired: false } });
  await signInWithFitbit(page, PEOPLE.riley);
  const userId = await userIdOf(PEOPLE.riley);
  expect(userId).toBeTruthy();
  await emulator("/retired", { body: { retired: true } });
  await waitForUpdateNotice(page);

  // Noor never had a Fitbit account: her identity's legacyUserId is empty.
  await page.getByRole("button", { name: "Update your connection with Google" }).click();
  await chooseGoogleAccount(page, /Noor/);
  await expect(page.getByTestId("move-refused")).toContainText("has no Fitbit account linked to it");

  // Sam's Google account belongs to Sam's Fitbit account, not Riley's.
  await page.getByRole("button", { name: "Try again" }).click();
  await chooseGoogleAccount(page, /Sam Shift/);
  await expect(page.getByTestId("move-refused")).toContainText("belongs to a different Fitbit account");

  // Nothing joined: Riley still has only the legacy connection, still signed in as Riley.
  const providers = await sql<{ provider: string }>(`SELECT provider FROM "ProviderConnection" WHERE "userId" = $1`, [userId]);
  expect(providers.map((row) => row.provider)).toEqual(["fitbit"]);
  expect(await sql(`SELECT 1 FROM "Account" WHERE "userId" = $1 AND provider = 'google-health'`, [userId])).toHaveLength(0);
  await page.goto("/dashboard");
  await expect(page.getByTestId("update-connection")).toBeVisible();
});
