import { expect, test } from "@playwright/test";
import { PEOPLE, signInWithFitbit } from "./support/stack";

/**
 * Fuzz-style regression (issue 6 §4): many malformed and impossible query values against every
 * /api/me/* route and every dashboard page, signed in. Never a 500; API answers are 4xx with a
 * clear message or a 200; pages render (falling back to the default range).
 */
const API_RANGE = ["/api/me/sleep", "/api/me/hrv", "/api/me/breathing", "/api/me/nutrition", "/api/me/export"];
const API_DATE = ["/api/me/sleep/night", "/api/me/hrv/night", "/api/me/breathing/night", "/api/me/nutrition/meals"];
const PAGES = ["/dashboard", "/dashboard/sleep", "/dashboard/hrv", "/dashboard/breathing", "/dashboard/nutrition"];

const DATES = [
  "0000-01-08", "0001-01-01", "0001-01-05", "1969-12-31", "1999-12-31", "2100-01-01", "9999-12-31", "2026-13-01",
  "2026-00-10", "2026-02-30", "2026-02-29", "2026-1-1", "+02026-01-01", "-0001-01-01", "2026-01-01T00:00:00Z",
  "２０２６-01-01", "2026-01-01%00", "%ff", "%E0%A4%A", "NaN", "", " ", "null", "undefined", "[object Object]",
  "2026-01-01' OR '1'='1", "<script>alert(1)</script>", "9".repeat(400), "2026-11-01\n", "1e309",
];
const PRESETS = ["7d", "0d", "-1d", "1y", "99999999999999999999d", "Infinity", "%ff"];
const FORMATS = ["csv", "json", "xml", "%00", ""];

/** A deterministic pseudo-random pick, so a failure reproduces. */
function* queries(seed: number, count: number): Generator<string> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const pick = <T,>(list: readonly T[]) => list[next() % list.length]!;
  for (let i = 0; i < count; i += 1) {
    const parts: string[] = [];
    const shape = next() % 6;
    if (shape === 0) parts.push(`from=${pick(DATES)}`, `to=${pick(DATES)}`);
    if (shape === 1) parts.push(`from=2026-11-01`, `to=${pick(DATES)}`);
    if (shape === 2) parts.push(`from=${pick(DATES)}`, `to=2026-11-01`);
    if (shape === 3) parts.push(`preset=${pick(PRESETS)}`);
    if (shape === 4) parts.push(`date=${pick(DATES)}`, `night=${pick(DATES)}`, `day=${pick(DATES)}`);
    if (shape === 5) parts.push(`preset=${pick(PRESETS)}`, `from=${pick(DATES)}`, `format=${pick(FORMATS)}`);
    yield parts.map((part) => part.replace(/ /g, "%20").replace(/\n/g, "%0A").replace(/#/g, "%23")).join("&");
  }
}

test("fuzz: malformed and impossible query values never answer 500 on /api/me/* or dashboard pages", async ({ page }) => {
  test.setTimeout(600_000);
  await signInWithFitbit(page, PEOPLE.riley);
  const failures: string[] = [];
  let requests = 0;
  // Requests go out a few at a time (the machine running the suite may be busy).
  const pending: Promise<void>[] = [];
  const check = async (url: string, kind: "api" | "page") => {
    pending.push(probe(url, kind));
    if (pending.length >= 6) await Promise.all(pending.splice(0));
  };
  const probe = async (url: string, kind: "api" | "page") => {
    requests += 1;
    const response = await page.request.get(url, { maxRedirects: 0 });
    const status = response.status();
    if (status >= 500) failures.push(`${url} → ${status}`);
    if (kind === "api" && status >= 400) {
      const body = await response.json().catch(() => null);
      if (typeof body?.error?.message !== "string" || body.error.message.length < 5) failures.push(`${url} → ${status} without a clear message`);
    }
  };
  // Every date value on every route and page, as each parameter the route knows.
  for (const value of DATES) {
    const v = encodeURIComponent(value).replace(/%25/g, "%");
    for (const route of API_RANGE) await check(`${route}?from=${v}&to=2026-11-01`, "api");
    for (const route of API_RANGE) await check(`${route}?from=2026-11-01&to=${v}`, "api");
    for (const route of API_DATE) await check(`${route}?date=${v}`, "api");
    for (const path of PAGES) await check(`${path}?from=${v}&to=${v}&night=${v}&day=${v}`, "page");
  }
  // Then random combinations of everything on every route and page.
  const all = [...API_RANGE, ...API_DATE];
  let index = 0;
  for (const query of queries(6, 480)) {
    index += 1;
    await check(`${all[index % all.length]}?${query}`, "api");
    if (index % 4 === 0) await check(`${PAGES[index % PAGES.length]}?${query}`, "page");
  }
  await Promise.all(pending.splice(0));
  expect(requests).toBeGreaterThan(1000);
  expect(failures).toEqual([]);
});
