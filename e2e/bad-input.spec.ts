import { expect, test } from "@playwright/test";
import { PEOPLE, signInWithFitbit } from "./support/stack";

/**
 * Every route, fed what a person or a script could send: a clear 4xx with our error shape,
 * never a 500, and nothing changed.
 */
const RANGE_ROUTES = ["/api/me/sleep", "/api/me/hrv", "/api/me/breathing", "/api/me/nutrition", "/api/me/export"];
const DATE_ROUTES = ["/api/me/sleep/night", "/api/me/hrv/night", "/api/me/breathing/night", "/api/me/nutrition/meals"];
const ALL_GET_ROUTES = [...RANGE_ROUTES, ...DATE_ROUTES, "/api/sync/status"];

const BAD_RANGES = [
  "from=2026-13-45&to=2026-01-01",
  "from=yesterday&to=today",
  "from=2026-11-20&to=2026-11-01",
  "from=1990-01-01&to=2026-11-01",
  "preset=99d",
  "preset=30d&from=2026-01-01",
  "from=2026-11-01",
  `from=${"9".repeat(5000)}`,
  "userId=someone-else",
];
const BAD_DATES = ["date=", "date=2026-02-30", "date=tomorrow-ish", "date=2026-11-01&date=2026-11-02", "date=2026-11-01&extra=1"];

test("bad input: anonymous callers get 401 on every data route", async ({ request }) => {
  // Well-formed queries, so the answer is about who is asking (parsing comes first).
  for (const route of ALL_GET_ROUTES) {
    const query = DATE_ROUTES.includes(route) ? "date=2026-11-01" : RANGE_ROUTES.includes(route) ? "preset=7d" : "";
    const response = await request.get(`${route}?${query}`);
    expect(response.status(), route).toBe(401);
    expect((await response.json()).error.code, route).toBe("unauthenticated");
  }
  for (const route of ["/api/sync", "/api/fitbit/profile", "/api/me/hrv/night?date=2026-11-01"]) {
    const response = await request.post(route);
    expect(response.status(), route).toBe(401);
  }
});

test("bad input: malformed ranges, dates and formats get a clear 400, never a 500", async ({ page }) => {
  // Every request now checks the session before parsing: allow for a busy machine.
  test.setTimeout(180_000);
  await signInWithFitbit(page, PEOPLE.ada);
  const failures: string[] = [];
  const check = async (url: string) => {
    const response = await page.request.get(url);
    const body = await response.json().catch(() => null);
    if (response.status() !== 400 || typeof body?.error?.message !== "string" || body.error.message.length < 5) {
      failures.push(`${url} → ${response.status()} ${JSON.stringify(body)?.slice(0, 200)}`);
    }
  };
  for (const route of RANGE_ROUTES) for (const query of BAD_RANGES) await check(`${route}?${query}`);
  for (const route of DATE_ROUTES) for (const query of BAD_DATES) await check(`${route}?${query}`);
  await check("/api/me/export?preset=7d&format=xml");
  expect(failures).toEqual([]);
});

test("bad input: unsupported methods are refused with 405", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.ada);
  for (const route of ["/api/me/sleep", "/api/health", "/api/sync/status"]) {
    const response = await page.request.delete(route);
    expect(response.status(), route).toBe(405);
  }
  const response = await page.request.get("/api/sync");
  expect(response.status()).toBe(405);
});
