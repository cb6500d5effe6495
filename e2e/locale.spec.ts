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

// Clock times: en-US on a 12-hour clock ("10:45 PM"), de-DE on a 24-hour one ("22:45"); Intl may
// write the space before AM/PM as a narrow no-break space (\s matches it).
const LOCALES = {
  "de-DE": {
    date: /^\d{1,2}\. [A-ZÄÖÜ][a-zä]{2,3}\.? \d{4}$/,
    thousands: /^\d{1,2}\.\d{3}$/,
    decimal: /^\d+,\d$/,
    clock: /^\d\d:\d\d$/,
    relative: /^(jetzt|vor \d+ (Minute|Minuten|Stunde|Stunden|Tag|Tagen)|in \d+ \S+|gestern|vorgestern)$/,
    moment: /^\d{1,2}\. [A-ZÄÖÜ][a-zä]{2,3}\.? \d{4}, \d\d:\d\d$/,
    audit: /^\d{1,2}\. [A-ZÄÖÜ][a-zä]{2,3}\.? \d{4}, \d\d:\d\d:\d\d UTC$/,
  },
  "en-US": {
    date: /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/,
    thousands: /^\d{1,2},\d{3}$/,
    decimal: /^\d+\.\d$/,
    clock: /^\d{1,2}:\d\d\s[AP]M$/,
    relative: /^(now|\d+ (minute|minutes|hour|hours|day|days) ago|in \d+ \w+|yesterday|2 days ago)$/,
    moment: /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M$/,
    audit: /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d\s[AP]M UTC$/,
  },
} as const;

/** A page in a browser context with `locale`, collecting hydration complaints from React. */
async function browserIn(browser: Browser, locale: keyof typeof LOCALES) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if ((message.type() === "error" || message.type() === "warning") && /hydrat|did not match|server rendered/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { page, problems, close: () => context.close() };
}

/** The same, signed in as Ada. */
async function personIn(browser: Browser, locale: keyof typeof LOCALES) {
  const opened = await browserIn(browser, locale);
  await signInWithFitbit(opened.page, PEOPLE.ada);
  return opened;
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

    // Clock times the locale's way: the night's bedtime and wake, Night HRV's readings.
    await page.goto("/dashboard/sleep?preset=30d");
    const [bed, wake] = (await page.getByTestId("main-sleep-facts").locator("dd").first().innerText()).split(" – ");
    expect(bed).toMatch(want.clock);
    expect(wake).toMatch(want.clock);
    await page.goto("/dashboard/hrv?preset=30d");
    await expect(page.getByRole("figure", { name: "Night HRV", exact: true })).toBeVisible();
    const nightHrv = await tableOf(page, "Night HRV");
    const times = await nightHrv.locator("tbody tr th").allInnerTexts();
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((cell) => want.clock.test(cell)), times.join(" | ")).toBe(true);

    // The sync panel: when the last sync completed, in the locale's clock, and how long ago in its words.
    await expect(async () => {
      await page.goto("/dashboard");
      await expect(page.getByTestId("last-completed")).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [2_000] });
    const completed = page.getByTestId("last-completed");
    expect((await completed.innerText()).replace(/ \(.*\)$/, "")).toMatch(want.moment);
    await expect(completed.locator("time")).toHaveText(want.relative);
    await expect(completed.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    expect(problems).toEqual([]);
    await close();
  });
}

for (const locale of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
  test(`${locale}: the audit log writes each moment the ${locale} way, to the second, zone said, ISO in <time dateTime>`, async ({ browser }) => {
    const { page, problems, close } = await browserIn(browser, locale);
    await page.goto("/");
    await page.getByRole("button", { name: /Sign in with your organisation/ }).click();
    await page.getByRole("button", { name: "Sign in as Alan Admin" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/oidc") && !url.pathname.startsWith("/api/auth"));

    // Alan signed in through the organisation: Nightly knows no time zone for him, so UTC, said.
    await page.goto("/admin/audit");
    await expect(page.getByText(/Times are to the second in UTC/)).toBeVisible();
    const when = page.getByTestId("audit-table").locator("tbody tr").first().locator("td").first().locator("time");
    await expect(when).toHaveText(LOCALES[locale].audit);
    const iso = await when.getAttribute("datetime");
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The text says the same instant as the attribute (to the second, in UTC).
    const seconds = iso!.slice(17, 19);
    expect(await when.innerText()).toContain(`:${seconds}`);
    expect(problems).toEqual([]);
    await close();
  });
}
