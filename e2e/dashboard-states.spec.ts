import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { localToday, sleepLogsForDate } from "../emulator/data/index";
import { findPerson } from "../emulator/people";
import { PEOPLE, emulator, signInWithFitbit } from "./support/stack";

/** What a participant sees beyond the happy path: exports, classic nights, problems, scopes. */

test.beforeEach(async () => {
  // Fresh hourly quotas: earlier tests' background syncs may have spent them.
  await emulator("/reset", { body: {} });
});

test("Download my data: the chosen range as CSV (long format) and JSON", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.ada);
  await page.goto("/dashboard/sleep?preset=7d");
  let header: string | undefined;
  let rows: string[] = [];
  // The first sync may still be bringing the week in.
  await expect(async () => {
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    [header, ...rows] = readFileSync((await csv.path())!, "utf8").trim().split(/\r?\n/);
    expect(rows.length).toBeGreaterThan(7);
  }).toPass({ timeout: 45_000, intervals: [2_000] });
  expect(header).toBe("date,metric,value,unit");
  const dates = new Set(rows.map((row) => row.split(",")[0]));
  expect(dates.size).toBeLessThanOrEqual(7);
  expect(rows.some((row) => /^\d{4}-\d{2}-\d{2},sleep_minutes_asleep,\d+,min$/.test(row))).toBe(true);

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download JSON" }).click()]);
  const parsed = JSON.parse(readFileSync((await json.path())!, "utf8")) as unknown;
  expect(JSON.stringify(parsed)).toContain("sleep_minutes_asleep");
});

test("A classic night is shown honestly: asleep / restless / awake, no stages", async ({ page }) => {
  // Waits for the first sync to reach a night up to 85 days back, then for its hypnogram: on a
  // busy CI machine that alone can take most of the default 60 s.
  test.slow();
  const person = findPerson(PEOPLE.riley.id)!;
  const { nowMs } = await emulator<{ nowMs: number }>("/clock");
  const today = localToday(person, nowMs);
  const classicNight = Array.from({ length: 85 }, (_, index) => {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) - index * 86_400_000).toISOString().slice(0, 10);
    return { date, main: sleepLogsForDate(person, date, nowMs).find((log) => log.isMainSleep) };
  }).find((night) => night.main?.type === "classic");
  test.skip(!classicNight, "no classic main sleep in Riley's last 85 nights");

  await signInWithFitbit(page, PEOPLE.riley);
  const heading = page.getByRole("heading", { name: /Night ending/ });
  await expect(async () => {
    await page.goto(`/dashboard/sleep?preset=90d&night=${classicNight!.date}`);
    await expect(page.getByText("Classic log — no stages.")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await expect(heading).toBeVisible();
  const hypnogram = page.getByRole("figure", { name: "Hypnogram", exact: true });
  let levels: string[] = [];
  await expect(async () => {
    const toggle = hypnogram.getByRole("button", { name: "Show table" });
    if (await toggle.isVisible()) await toggle.click();
    levels = await hypnogram.locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(levels.length).toBe(classicNight!.main!.levels.data.length);
  }).toPass({ timeout: 30_000 });
  expect(new Set(levels)).toEqual(new Set(classicNight!.main!.levels.data.map((segment) => ({ asleep: "Asleep", restless: "Restless", awake: "Awake" })[segment.level as "asleep"])));
});

test("An unreadable Fitbit answer is reported in plain words on the sync panel", async ({ page }) => {
  await emulator("/faults", { body: { kind: "corrupt", endpoint: "hrv.range", userId: PEOPLE.sam.id, count: 1 } });
  await signInWithFitbit(page, PEOPLE.sam);
  await page.goto("/dashboard");
  const panel = page.getByTestId("sync-status");
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("sync-problems")).toContainText("could not read", { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await emulator("/faults", { method: "DELETE" });
});

test("A metric the person did not allow explains itself and offers to ask again", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.dana, { untick: ["respiratory_rate"] });
  await page.goto("/dashboard/breathing");
  await expect(page.getByText("You didn't allow Nightly to read breathing rate at Fitbit")).toBeVisible();
  await page.getByRole("button", { name: "Ask Fitbit again" }).click();
  await expect(page).toHaveURL(/\/oauth2\/authorize/);
  await page.getByRole("radio", { name: /Dana Daylight/ }).check();
  await page.getByRole("button", { name: "Allow", exact: true }).click();
  await page.waitForURL(/\/dashboard\/breathing/);
  await expect(page.getByText("You didn't allow Nightly to read breathing rate at Fitbit")).toHaveCount(0);
});

test("When Fitbit switches the Web API off (410), the connection says so", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.sam);
  await emulator("/retired", { body: { retired: true } });
  try {
    await emulator(`/users/${PEOPLE.sam.id}/expire-access-tokens`, { body: {} });
    const response = await page.request.post("/api/fitbit/profile");
    expect(response.status()).toBe(410);
    await page.goto("/account");
    await expect(page.getByText("Switched off by Fitbit")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByTestId("sync-status")).toContainText("switched off");
  } finally {
    await emulator("/retired", { body: { retired: false } });
  }
});
