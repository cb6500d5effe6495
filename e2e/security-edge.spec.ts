import { expect, test } from "@playwright/test";
import { APP_B_URL, APP_URL, PEOPLE, emulator, signInWithFitbit, sql } from "./support/stack";

/** Named security regressions for issue 6 §5: guardrails and security headers. */

// Many requests per test on a shared, often busy machine.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async () => {
  await emulator("/reset", { body: {} });
});

test("security: every response carries the security headers; CSP forbids framing; HSTS over https", async ({ request }) => {
  const home = await request.get("/");
  const html = await home.text();
  const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  expect(script).toBeTruthy();
  for (const path of ["/", "/api/health", "/api/me/sleep", "/auth/error", "/no-such-page", script!]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"], `${path} over plain http`).toBeUndefined();
  }
  const https = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  // A fresh nonce per response, and Next.js's own inline scripts carry it.
  const again = await (await request.get("/")).text();
  const nonce = (page: string) => page.match(/nonce="([^"]+)"/)?.[1];
  expect(nonce(html)).toBeTruthy();
  expect(nonce(html)).not.toBe(nonce(again));
});

test("security: the app works in Chromium under the CSP (no violations) and the account page cannot be framed", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await signInWithFitbit(page, PEOPLE.ada);
  for (const path of ["/dashboard", "/dashboard/sleep", "/dashboard/hrv", "/dashboard/breathing", "/dashboard/nutrition", "/account"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  // Client-side interactivity (hydrated React) works: the range picker changes the URL.
  await page.goto("/dashboard/sleep");
  await page.getByRole("button", { name: "7 d" }).click();
  await expect(page).toHaveURL(/preset=7d/);
  expect(violations).toEqual([]);

  // A page on another origin frames /account: Chromium refuses to render it.
  await page.goto(`${APP_B_URL()}/api/health`);
  await page.setContent(`<iframe id="victim" src="${APP_URL()}/account" width="800" height="600"></iframe>`);
  const frame = page.frameLocator("#victim");
  await expect(frame.getByRole("heading", { name: "Your account" })).toHaveCount(0, { timeout: 5_000 });
});

test("security: malformed callback-url cookie, callbackUrl parameter and auth error code never answer 500", async ({ browser, request }) => {
  const bad = ["foo", "a b", "javascript:alert(1)", "%ff", "//evil.example/", "https://evil.example/", "\u00ff"];
  for (const value of bad) {
    for (const path of ["/", "/dashboard", "/account", "/api/auth/session", "/api/me/sleep", "/api/auth/csrf"]) {
      const response = await request.get(path, { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` }, maxRedirects: 0 });
      expect(response.status(), `${path} with cookie ${value}`).toBeLessThan(500);
    }
    for (const path of ["/api/auth/signin", "/api/auth/signin/fitbit", "/api/auth/signout", "/api/auth/error"]) {
      const response = await request.get(`${path}?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
      expect(response.status(), `${path}?callbackUrl=${value}`).toBeLessThan(500);
      expect(response.headers()["location"] ?? "", `${path}?callbackUrl=${value}`).not.toContain("evil.example");
    }
  }
  for (const query of ["error=%ff", "error=%E0%A4%A", "error=<script>", "error="]) {
    const response = await request.get(`/api/auth/error?${query}`, { maxRedirects: 0 });
    expect(response.status(), query).toBeLessThan(500);
  }
  // In a browser: the bad cookie is cleared and the page works.
  const context = await browser.newContext();
  await context.addCookies([{ name: "next-auth.callback-url", value: "javascript:alert(1)", url: APP_URL() }]);
  const page = await context.newPage();
  const response = await page.goto(APP_URL());
  expect(response?.status()).toBe(200);
  expect((await context.cookies()).some((cookie) => cookie.name === "next-auth.callback-url" && cookie.value.includes("javascript"))).toBe(false);
  await context.close();
});

test("security: side effects are never GETs (profile refresh and on-demand HRV are POST only)", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.ada);
  expect((await page.request.get("/api/fitbit/profile")).status()).toBe(405);
  // An old night with a summary but no stored readings: GET reads only.
  const [row] = await sql<{ date: string }>(
    `SELECT to_char(h.date, 'YYYY-MM-DD') AS date FROM "HrvDaily" h JOIN "User" u ON u.id = h."userId" JOIN "Account" a ON a."userId" = u.id
     WHERE a."providerAccountId" = $1 AND NOT EXISTS (SELECT 1 FROM "HrvIntraday" i WHERE i."userId" = h."userId" AND i.date = h.date)
     ORDER BY h.date LIMIT 1`,
    [PEOPLE.ada.id],
  );
  test.skip(!row, "Ada's first sync has not stored an older HRV night yet");
  const stored = async () =>
    (await sql(`SELECT 1 FROM "HrvIntraday" i JOIN "Account" a ON a."userId" = i."userId" WHERE a."providerAccountId" = $1 AND i.date = $2::date`, [PEOPLE.ada.id, row!.date])).length;
  for (let i = 0; i < 3; i += 1) {
    const read = await page.request.get(`/api/me/hrv/night?date=${row!.date}`);
    expect(read.status()).toBe(200);
    expect((await read.json()).fetchable).toBe(true);
  }
  expect(await stored()).toBe(0);
  // The page opened on that night reads only as well; the browser then asks with a POST.
  const posts: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/api/me/hrv/night")) posts.push(req.method());
  });
  await page.goto(`/dashboard/hrv?preset=1y&night=${row!.date}`);
  await expect.poll(() => posts).toContain("POST");
  await expect.poll(stored).toBe(1);
});

test("security: mutating routes refuse cross-site and same-site cross-origin requests (a form on another port)", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.sam);
  const queued = async () => (await sql<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name LIKE '%sync%' AND state IN ('created','retry')`))[0]!.n;
  const headers: Record<string, string>[] = [
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: APP_B_URL(), "sec-fetch-site": "same-site" },
    { origin: "https://evil.example" },
  ];
  for (const extra of headers) {
    for (const route of ["/api/sync", "/api/fitbit/profile", "/api/me/hrv/night?date=2026-11-01"]) {
      const response = await page.request.post(route, { headers: extra });
      expect(response.status(), `${route} ${JSON.stringify(extra)}`).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
  }
  // A real browser form on another port of localhost (same-site, cross-origin) posting to the app.
  // The attacker's page is served by Playwright, so no Nightly CSP (form-action) protects it.
  const before = await queued();
  const attacker = `${APP_B_URL()}/attacker`;
  await page.route(attacker, (route) =>
    route.fulfill({ contentType: "text/html", body: `<form method="post" action="${APP_URL()}/api/sync"><button>go</button></form>` }),
  );
  await page.goto(attacker);
  const [response] = await Promise.all([page.waitForResponse(`${APP_URL()}/api/sync`), page.getByRole("button", { name: "go" }).click()]);
  expect(response.status()).toBe(403);
  expect(await queued()).toBe(before);
  // The same request from the app's own page works.
  await page.goto(`${APP_URL()}/dashboard`);
  const own = await page.evaluate(async () => (await fetch("/api/sync", { method: "POST" })).status);
  expect(own).toBeLessThan(400);
});

test("security: route wrappers authenticate before they parse (anonymous → 401, not schema details)", async ({ request }) => {
  for (const url of ["/api/me/sleep?from=garbage&to=0001-01-01", "/api/me/hrv/night?date=nope&extra=1", "/api/me/export?format=xml&preset=99d", "/api/sync/status?x=1&x=2"]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(401);
    const body = await response.json();
    expect(body.error.code).toBe("unauthenticated");
    expect(JSON.stringify(body), url).not.toMatch(/preset|format|from|date|details/);
  }
  const post = await request.post("/api/me/hrv/night?date=garbage");
  expect(post.status()).toBe(401);
});
