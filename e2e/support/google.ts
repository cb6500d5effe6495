/**
 * Google Health helpers for the end-to-end specs: sign in through the emulator's Google consent
 * page, watch the sync panel until the history is complete, read "Download my data", and let a
 * person's waiting Fitbit sync go on at once (the comparison path).
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { findGooglePerson } from "../../emulator/google/people";
import { emulator, sql } from "./stack";

/** A demo person as the consent page lists them. */
export interface GooglePerson {
  id: string;
  name: string;
}

export interface ExportRow {
  date: string;
  metric: string;
  value: number;
  unit: string;
}

/** The person's Google Health id (what the emulator counts Google requests and tokens under). */
export function healthUserId(person: GooglePerson): string {
  return findGooglePerson(person.id)!.healthUserId;
}

/** Landing → Sign in with Google → pick the account, untick scopes by their label → Continue. */
export async function signInWithGoogle(page: Page, person: GooglePerson, options: { untick?: RegExp[] } = {}) {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page).toHaveURL(/\/o\/oauth2\/v2\/auth/);
  await page.getByRole("radio", { name: new RegExp(person.name) }).check();
  for (const label of options.untick ?? []) await page.getByRole("checkbox", { name: label }).uncheck();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/dashboard"), { timeout: 30_000 });
}

/** Reloads the dashboard until its sync panel says "Up to date" with no history left to fetch. */
export async function waitUntilHistoryComplete(page: Page, timeout = 120_000) {
  await expect(async () => {
    await page.goto("/dashboard");
    const panel = page.getByTestId("sync-status");
    await expect(panel.locator("[data-status]")).toHaveAttribute("data-status", "idle", { timeout: 1_000 });
    await expect(panel.getByRole("list", { name: "History still syncing" })).toHaveCount(0);
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

/** Clicks "Download JSON" on the one-year dashboard and returns the file's range and rows. */
export async function downloadYear(page: Page): Promise<{ from: string; to: string; rows: ExportRow[] }> {
  await page.goto("/dashboard?preset=1y");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download JSON" }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { from: string; to: string; rows: ExportRow[] };
}

/** "Download my data" for a given range, as another signed-in context sees it. */
export async function exportRows(request: APIRequestContext, range: { from: string; to: string }): Promise<ExportRow[]> {
  const query = new URLSearchParams({ format: "json", from: range.from, to: range.to });
  const response = await request.get(`/api/me/export?${query.toString()}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { rows: ExportRow[] }).rows;
}

/**
 * Earlier specs spent this person's hourly Fitbit quota, so their Fitbit sync waits (a queued
 * resume job) for the real hour to pass. Raise the emulator's limit and let that job run now.
 * Returns the previous limit, to be restored.
 */
export async function releaseFitbitSync(fitbitUserId: string): Promise<number> {
  const previous = await emulator<{ perHour: number }>("/rate-limit");
  await emulator("/rate-limit", { body: { perHour: 100_000 } });
  await sql(
    `UPDATE pgboss.job SET start_after = now()
      WHERE name = 'sync-user' AND state IN ('created', 'retry')
        AND data->>'userId' IN (SELECT "userId" FROM "ProviderConnection" WHERE "providerUserId" = $1)`,
    [fitbitUserId],
  );
  return previous.perHour;
}
