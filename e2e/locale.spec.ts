import { expect, test, type Browser, type Page } from "@playwright/test";
import { PEOPLE, emulator, signInWithFitbit } from "./support/stack";

/**
 * Issue 10 §2: dates and numbers in the person's locale (the browser's Accept-Language), one date
 * format across headings, charts' tables, pickers and notices; rendered on the server and hydrated
 * in the browser with no mismatch.
 */

test.beforeEach(async () => {
  await emulator("/reset", { body: {} });
  await emulator("/rate-limit", { body: { perHour: 100_000 } });
});

test.afterAll(async () => {
  await emulator("/rate-limit", { body: { perHour: 150 } });
});

const LOCALES = {
  "de-DE": { date: /^\d{1,2}\. [A-ZÄÖÜ][a-zä]{2,3}\.? \d{4}$/, thousands: /^\d{1,2}\.\d{3}$/, decimal: /^\d+,\d$/ },
  "en-US": { date: /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/, thousands: /^\d{1,2},\d{3}$/, decimal: /^\d+\.\d$/ },
} as const;

/** A signed-in page in a browser context with `locale`, collecting hydration complaints from React. */
async function personIn(browser: Browser, locale: keyof typeof LOCALES) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if ((message.type() === "error" || message.type() === "warning") && /hydrat|did not match|server rendered/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await signInWithFitbit(page, PEOPLE.ada);
  return { page, problems, close: () => context.close() };
}

async function tableOf(page: Page, name: string) {
  const figure = page.getByRole("figure", { name, exact: true });
  const toggle = figure.getByRole("button", { name: "Show table" });
  if (await toggle.isVisible()) await toggle.click();
  return figure;
}

for (const locale of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
  test(`${locale}: the dashboard writes dates and numbers the ${locale} way, with no hydration mismatch`, async ({ browser }) => {
    test.setTimeout(150_000);
    const want = LOCALES[locale];
    const { page, problems, close } = await personIn(browser, locale);

    // Overview (server-rendered): last night's heading and each value's date.
    await expect(async () => {
      await page.goto("/dashboard");
      await expect(page.getByTestId("baseline-totalSleep")).toContainText(/usual/, { timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [2_000] });
    const heading = await page.getByRole("heading", { name: /^Last night · / }).innerText();
    expect(heading.replace("Last night · ", "")).toMatch(want.date);
    await expect(page.getByTestId("baseline-hrv").locator(".stat-date time")).toHaveText(want.date);
    const [from, to] = (await page.getByTestId("range-label").innerText()).split(" – ");
    expect(from).toMatch(want.date);
    expect(to).toMatch(want.date);

    // Nutrition (client components, hydrated): calories with the locale's thousands separator,
    // dates in the table as people read them, ISO kept in <time dateTime>.
    // (Food logs arrive after sleep in the first sync: read the table again until they are in.)
    const nutrition = page.getByRole("figure", { name: "Nutrition", exact: true });
    await expect(async () => {
      await page.goto("/dashboard/nutrition?preset=30d");
      await tableOf(page, "Nutrition");
      const calories = await nutrition.locator("tbody tr td:nth-child(2)").allInnerTexts();
      expect(calories.some((cell) => want.thousands.test(cell)), calories.join(" | ")).toBe(true);
    }).toPass({ timeout: 60_000, intervals: [2_000] });
    const firstRow = nutrition.locator("tbody tr").first();
    await expect(firstRow.locator("th time")).toHaveText(want.date);
    await expect(firstRow.locator("th time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
    await expect(nutrition.locator("tbody")).not.toContainText(/\d{4}-\d{2}-\d{2}/);

    // HRV: decimals with the locale's separator; the night picker in the same date format.
    await page.goto("/dashboard/hrv?preset=30d");
    const hrv = await tableOf(page, "Heart rate variability");
    const rmssd = await hrv.locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(rmssd.filter((cell) => cell !== "—").every((cell) => want.decimal.test(cell)), rmssd.join(" | ")).toBe(true);
    const option = await page.getByRole("combobox", { name: "Night" }).locator("option").first().innerText();
    expect(option).toMatch(want.date);
    await expect(page.getByRole("heading", { name: /^Night ending / })).toHaveText(new RegExp(`^Night ending ${want.date.source.slice(1, -1)}$`));

    // A year: week labels in the same date format.
    await page.goto("/dashboard/sleep?preset=1y");
    const shares = await tableOf(page, "Time asleep");
    const week = await shares.locator("tbody tr th").first().innerText();
    expect(week.replace(/^Week of /, "")).toMatch(want.date);

    expect(problems).toEqual([]);
    await close();
  });
}
