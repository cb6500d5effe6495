import { expect, test } from "@playwright/test";
import { findPerson } from "../emulator/people";
import { localToday, sleepLogsForDate } from "../emulator/data/index";
import { PEOPLE, emulator, forgetPerson } from "./support/stack";

// Sam is new to Nightly here (a Google sign-in joins an existing Fitbit Sam, issue 9 §1), and
// later Fitbit-only specs must not find this Google connection.
test.beforeAll(() => forgetPerson(PEOPLE.sam));
test.afterAll(() => forgetPerson(PEOPLE.sam));

/**
 * A new person signs in with Google (the emulator's Google side: consent page, PKCE, offline
 * access) and the last 30 nights arrive through the Google Health API sync.
 */
test("Sign in with Google: first on the page, then the last 30 nights appear", async ({ page }) => {
  const person = findPerson(PEOPLE.sam.id)!;
  const { nowMs } = await emulator<{ nowMs: number }>("/clock");
  const today = localToday(person, nowMs);
  const expectedNights = Array.from({ length: 30 }, (_, index) => {
    const ms = Date.parse(`${today}T00:00:00Z`) - index * 86_400_000;
    return new Date(ms).toISOString().slice(0, 10);
  }).filter((date) => sleepLogsForDate(person, date, nowMs).some((log) => log.isMainSleep));
  expect(expectedNights.length).toBeGreaterThan(20);

  // Nothing on the way in (landing, the emulator's consent page, the dashboard) fails to load.
  const failures: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") failures.push(`${message.text()} ${message.location().url}`);
  });
  await page.goto("/");
  const buttons = page.getByRole("button", { name: /^Sign in with/ });
  await expect(buttons.first()).toHaveText("Sign in with Google");
  await expect(page.getByText("Fitbit accounts live in Google accounts now")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with Fitbit (legacy)" })).toBeVisible();

  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page).toHaveURL(/\/o\/oauth2\/v2\/auth/);
  await page.getByRole("radio", { name: /Sam Shift/ }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/dashboard"), { timeout: 30_000 });
  expect(failures).toEqual([]);

  await page.goto("/dashboard/sleep?preset=30d");
  const stages = page.getByRole("figure", { name: "Sleep stages", exact: true });
  const toggle = stages.getByRole("button", { name: "Show table" });
  if (await toggle.isVisible()) await toggle.click();
  const rows = stages.locator("tbody tr");
  await expect(rows).toHaveCount(30);
  const nightsShown = () =>
    rows.evaluateAll((trs) =>
      trs
        .map((tr) => Array.from(tr.querySelectorAll("td,th")).map((cell) => (cell.querySelector("time")?.getAttribute("datetime") ?? cell.textContent ?? "").trim()))
        .filter((cells) => cells[1] !== "—" || cells[5] !== "—")
        .map((cells) => cells[0])
        .sort(),
    );
  await expect.poll(nightsShown, { timeout: 90_000, intervals: [1_000, 2_000, 3_000] }).toEqual([...expectedNights].sort());

  await page.goto("/account");
  await expect(page.getByText(/Google/).first()).toBeVisible();
  // Nothing on a Google account page offers to read Fitbit.
  await expect(page.getByRole("heading", { name: "Google connection" })).toBeVisible();
  await expect(page.getByText(/Fitbit/)).toHaveCount(0);
});
