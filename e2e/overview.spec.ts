import { expect, test } from "@playwright/test";
import { PEOPLE, emulator, signInWithFitbit } from "./support/stack";

/** The overview opens on last night against the person's own baseline; long ranges are grouped. */

test.beforeEach(async () => {
  await emulator("/reset", { body: {} });
  await emulator("/rate-limit", { body: { perHour: 100_000 } });
});

test.afterAll(async () => {
  await emulator("/rate-limit", { body: { perHour: 150 } });
});

test("Last night is shown against the 30-night baseline, every value with its date", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.ada);
  const sleep = page.getByTestId("baseline-totalSleep");
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(sleep).toContainText(/usual/, { timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await expect(page.getByRole("heading", { name: /^Last night · \d{1,2} \w{3} \d{4}$/ })).toBeVisible();
  for (const key of ["totalSleep", "hrv", "breathing"]) {
    const card = page.getByTestId(`baseline-${key}`);
    await expect(card.locator(".stat-date")).toHaveText(/\d{1,2} \w{3} \d{4}/);
    await expect(card.getByRole("img")).toHaveAttribute("aria-label", /usual range .* over \d+ nights/);
  }
  await expect(page.getByRole("table", { name: /Sleep stages, share of time in bed/ }).getByRole("row", { name: /Your usual/ })).toHaveCount(1);
  await expect(page.getByRole("figure", { name: /^Hypnogram · night ending/ })).toBeVisible();
});

test("A year is read by week: median and interquartile range, not 365 bars", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.sam);
  await page.goto("/dashboard/hrv?preset=1y");
  const figure = page.getByRole("figure", { name: "Heart rate variability", exact: true });
  await expect(figure).toContainText("Weekly median of nightly RMSSD");
  await figure.getByRole("button", { name: "Show table" }).click();
  const rows = figure.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThanOrEqual(53);
  await expect(rows.first().locator("th")).toHaveText(/^Week of /);

  // The overview's small multiples read the same year by week too.
  await page.goto("/dashboard?preset=1y");
  const small = page.getByRole("figure", { name: "HRV overview", exact: true });
  await expect(small).toContainText(/Weekly medians · latest [\d.]+ ms \(Week of /);
  await small.getByRole("button", { name: "Show table" }).click();
  await expect(small.getByRole("columnheader", { name: "Week", exact: true })).toBeVisible();
  expect(await small.locator("tbody tr").count()).toBeLessThanOrEqual(53);
});

test("Withheld permissions: one notice lists them all, and their data is not shown", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.dana, { untick: ["respiratory_rate", "nutrition"] });
  await page.goto("/dashboard");
  const notice = page.getByTestId("missing-permissions");
  await expect(notice).toContainText("breathing rate and food and water");
  await expect(notice.getByRole("button", { name: "Ask Fitbit again" })).toHaveCount(1);
  await expect(page.getByTestId("baseline-breathing")).toHaveCount(0);
  await expect(page.getByRole("figure", { name: "Calories overview" })).toHaveCount(0);
  await expect(page.getByRole("figure", { name: "Breathing overview" })).toHaveCount(0);
});

test("An unknown address gets a branded page with a way back", async ({ page }) => {
  const response = await page.goto("/dashboard/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is no page here" })).toBeVisible();
  await page.getByRole("link", { name: "Nightly home" }).click();
  await expect(page).toHaveURL(/\/$/);
});
