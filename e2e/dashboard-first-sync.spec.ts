import { expect, test, type Locator, type Page } from "@playwright/test";
import { findPerson } from "../emulator/people";
import { localToday, sleepLogsForDate } from "../emulator/data/index";
import { PEOPLE, emulator, signInWithFitbit } from "./support/stack";

/**
 * The participant's first minutes: sign in, watch the last 30 nights arrive from the background
 * sync, change the range, open one night's hypnogram, and check its table against the numbers
 * the (emulated) Fitbit API serves for that night. Dana signs in here for the first time in the
 * suite, so the nights really arrive through the background sync.
 */

function figure(page: Page, name: string): Locator {
  return page.getByRole("figure", { name, exact: true });
}

async function showTable(chart: Locator) {
  const toggle = chart.getByRole("button", { name: "Show table" });
  if (await toggle.isVisible()) await toggle.click();
}

function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

const LEVEL_LABELS: Record<string, string> = { deep: "Deep", light: "Light", rem: "REM", wake: "Awake", asleep: "Asleep", restless: "Restless", awake: "Awake" };

test("sign in → the last 30 nights appear → change range → a night's hypnogram matches Fitbit's data", async ({ page }) => {
  test.setTimeout(120_000);
  const person = findPerson(PEOPLE.dana.id)!;
  const { nowMs } = await emulator<{ nowMs: number }>("/clock");
  const today = localToday(person, nowMs);
  const expectedNights = Array.from({ length: 30 }, (_, index) => addDays(today, -index)).filter((date) =>
    sleepLogsForDate(person, date, nowMs).some((log) => log.isMainSleep),
  );
  expect(expectedNights.length).toBeGreaterThan(20);

  await signInWithFitbit(page, PEOPLE.dana);
  await expect(page).toHaveURL(/\/dashboard/);

  // The recent window is synced first; the page refetches while the sync runs.
  await page.goto("/dashboard/sleep?preset=30d");
  const stages = figure(page, "Sleep stages");
  await showTable(stages);
  const rows = stages.locator("tbody tr");
  await expect(rows).toHaveCount(30);
  // Nights with a main sleep: a stages night fills Deep, a classic one "Classic asleep".
  const nightsShown = () =>
    rows.evaluateAll((trs) =>
      trs
        .map((tr) => Array.from(tr.querySelectorAll("td,th")).map((cell) => (cell.querySelector("time")?.getAttribute("datetime") ?? cell.textContent ?? "").trim()))
        .filter((cells) => cells[1] !== "—" || cells[5] !== "—")
        .map((cells) => cells[0])
        .sort(),
    );
  await expect.poll(nightsShown, { timeout: 60_000, intervals: [1_000, 2_000, 3_000] }).toEqual([...expectedNights].sort());

  // Change the range without a full reload.
  await page.getByRole("button", { name: "7 d", exact: true }).click();
  await expect(page).toHaveURL(/preset=7d/);
  await expect(figure(page, "Sleep stages").locator("tbody tr")).toHaveCount(7);

  // Open an earlier night and read its hypnogram as a table.
  const night = expectedNights[3]!;
  await page.getByRole("combobox", { name: "Night" }).selectOption(night);
  await expect(page).toHaveURL(new RegExp(`night=${night}`));
  await expect(page.getByRole("heading", { name: /Night ending/ })).toBeVisible();
  const hypnogram = figure(page, "Hypnogram");
  await showTable(hypnogram);

  const main = sleepLogsForDate(person, night, nowMs).find((log) => log.isMainSleep)!;
  const levelsTable = hypnogram.getByRole("table", { name: /^Sleep levels from/ });
  const expectedRows = main.levels.data.map((segment) => [
    segment.dateTime.slice(11, 19),
    LEVEL_LABELS[segment.level]!,
    duration(segment.seconds),
  ]);
  const shownRows = () =>
    levelsTable
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td,th")).map((cell) => (cell.querySelector("time")?.getAttribute("datetime") ?? cell.textContent ?? "").trim())));
  // The night loads after the selection; the figure may re-render (back to the chart) meanwhile.
  await expect(async () => {
    await showTable(hypnogram);
    expect(await shownRows()).toEqual(expectedRows);
  }).toPass({ timeout: 30_000 });

  const shortData = "shortData" in main.levels ? (main.levels.shortData ?? []) : [];
  if (shortData.length > 0) {
    const shortTable = hypnogram.getByRole("table", { name: "Short wakes (3 minutes or less)" });
    await expect(shortTable.locator("tbody tr")).toHaveCount(shortData.length);
  }
});

test("keyboard: arrow keys move along the sleep stages chart and Enter opens that night", async ({ page }) => {
  test.setTimeout(120_000);
  await signInWithFitbit(page, PEOPLE.dana);
  await page.goto("/dashboard/sleep?preset=7d");
  const stages = figure(page, "Sleep stages");
  // The drawing loads after the page (recharts is not in the first load); its SVG takes focus.
  const surface = stages.locator("svg.recharts-surface").first();
  await expect(surface).toBeVisible({ timeout: 30_000 });
  await surface.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/night=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole("heading", { name: /Night ending/ })).toBeVisible();
});

test("offline: a new range keeps the old chart dimmed and says so, then fills in when back online", async ({ page, context }) => {
  test.setTimeout(120_000);
  await signInWithFitbit(page, PEOPLE.dana);
  await page.goto("/dashboard/sleep?preset=30d");
  const stages = figure(page, "Sleep stages");
  await expect(stages.locator("svg.recharts-surface").first()).toBeVisible({ timeout: 30_000 });

  await context.setOffline(true);
  await page.getByRole("button", { name: "7 d", exact: true }).click();
  await expect(stages).toHaveAttribute("aria-busy", "true");
  await expect(stages.getByRole("status")).toContainText("You are offline: this is the previous range, dimmed.");
  // The previous range is what is drawn: its table still has 30 rows, not 7.
  await showTable(stages);
  await expect(stages.locator("tbody tr")).toHaveCount(30);

  await context.setOffline(false);
  await expect(stages).toHaveAttribute("aria-busy", "false", { timeout: 30_000 });
  await expect(stages.locator("tbody tr")).toHaveCount(7);
});

test("a custom range before the person's history is refused, one that starts before it is clamped, both in words", async ({ page }) => {
  test.setTimeout(90_000);
  const person = findPerson(PEOPLE.dana.id)!;
  await signInWithFitbit(page, PEOPLE.dana);
  await page.goto("/dashboard/hrv?preset=30d");
  const form = page.getByRole("form", { name: "Custom dates" });
  await form.getByLabel("From").fill("2010-01-01");
  await form.getByLabel("To").fill("2010-02-01");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Those dates are all before your history starts" })).toBeVisible();
  await expect(page).toHaveURL(/preset=30d/);

  const end = addDays(person.memberSince, 40);
  await form.getByLabel("From").fill(addDays(person.memberSince, -100));
  await form.getByLabel("To").fill(end);
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your history starts on" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`from=${person.memberSince}&to=${end}`));
});
