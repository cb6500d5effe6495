/**
 * Handles on the running stack for tests: the emulator's control API, the database, and a
 * browser sign-in through the emulator's real consent page.
 */
import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const APP_URL = () => process.env.E2E_APP_URL!;
export const APP_B_URL = () => process.env.E2E_APP_B_URL!;
export const EMULATOR_URL = () => process.env.E2E_EMULATOR_URL!;

export const PEOPLE = {
  ada: { id: "7QSTDY", name: "Ada Steady", displayName: "Ada" },
  sam: { id: "8SHFTW", name: "Sam Shift", displayName: "Sam" },
  riley: { id: "9SPRSE", name: "Riley Sparse", displayName: "Riley" },
  dana: { id: "6DSTNY", name: "Dana Daylight", displayName: "Dana" },
} as const;
export type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

export async function emulator<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(`${EMULATOR_URL()}/__emulator${path}`, {
    method: init?.method ?? (init?.body === undefined ? "GET" : "POST"),
    headers: init?.body === undefined ? {} : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface RequestCounters {
  total: number;
  byEndpoint: Record<string, number>;
  byUser: Record<string, Record<string, number>>;
}

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Landing → Sign in with Fitbit → consent page (pick person, untick scopes) → Allow/Deny. */
export async function signInWithFitbit(
  page: Page,
  person: Person,
  options: { untick?: string[]; decision?: "Allow" | "Deny"; startUrl?: string } = {},
) {
  await page.goto(options.startUrl ?? "/");
  await page.getByRole("button", { name: "Sign in with Fitbit" }).click();
  await expect(page).toHaveURL(/\/oauth2\/authorize/);
  await completeConsent(page, person, options);
}

export async function completeConsent(
  page: Page,
  person: Person,
  options: { untick?: string[]; decision?: "Allow" | "Deny" } = {},
) {
  await page.getByRole("radio", { name: new RegExp(person.name) }).check();
  for (const scope of options.untick ?? []) {
    await page.getByRole("checkbox", { name: new RegExp(`^${scope}\\b`) }).uncheck();
  }
  await page.getByRole("button", { name: options.decision ?? "Allow", exact: true }).click();
  // Wait until Nightly's callback has finished (session cookie set) and we are back on a page.
  await page.waitForURL((url) => !url.pathname.startsWith("/oauth2") && !url.pathname.startsWith("/api/auth"), {
    timeout: 30_000,
  });
  await page.waitForLoadState("domcontentloaded");
}

/**
 * Deletes every Nightly account of a demo person (their Fitbit connection, or a Google one whose
 * identity names that Fitbit id), so a spec that needs them new starts clean whatever earlier
 * specs did with them. A Google sign-in joins the participant with that Fitbit id (issue 9 §1).
 */
export async function forgetPerson(person: Person): Promise<void> {
  await sql(
    `DELETE FROM "User" WHERE id IN (SELECT "userId" FROM "ProviderConnection" WHERE "providerUserId" = $1 OR "legacyUserId" = $1)`,
    [person.id],
  );
}

/** The nights the 30-night "Sleep stages" table on the current page shows with data, sorted. */
export async function sleepNightsShown(page: Page): Promise<string[]> {
  const stages = page.getByRole("figure", { name: "Sleep stages", exact: true });
  const toggle = stages.getByRole("button", { name: "Show table" });
  if (await toggle.isVisible()) await toggle.click();
  return stages.locator("tbody tr").evaluateAll((trs) =>
    trs
      .map((tr) => Array.from(tr.querySelectorAll("td,th")).map((cell) => (cell.querySelector("time")?.getAttribute("datetime") ?? cell.textContent ?? "").trim()))
      .filter((cells) => cells[1] !== "—" || cells[5] !== "—")
      .map((cells) => cells[0]!)
      .sort(),
  );
}
