import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PEOPLE, signInWithFitbit } from "./support/stack";

/** Named security regressions: each one is a promise Nightly makes. */

const API_ROUTES = ["/api/fitbit/profile"];

test("security: API routes refuse anonymous callers with 401 JSON, not a redirect or a 500", async ({ request }) => {
  for (const route of API_ROUTES) {
    const response = await request.post(route, { maxRedirects: 0 });
    expect(response.status(), route).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  }
});

test("security: unexpected query parameters get a clear 400", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.ada);
  const response = await page.request.post("/api/fitbit/profile?userId=someone-else");
  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toMatch(/^Invalid query parameters: .*userId/);
});

test("security: a forged OAuth callback (bad state, junk code) ends on an error page, never a 500", async ({ page }) => {
  for (const query of ["code=junk&state=forged", "code=&state=", "error=server_error", "error=access_denied&state=x", "%ZZ=1"]) {
    const response = await page.goto(`/api/auth/callback/fitbit?${query}`);
    expect(response?.status(), query).toBeLessThan(500);
    await expect(page.getByRole("heading")).toBeVisible();
  }
  await page.goto("/account");
  await expect(page).toHaveURL(/signin=required/);
});

test("security: bad input to NextAuth endpoints is a 4xx or a redirect, never a 500", async ({ request }) => {
  const attempts = [
    request.post("/api/auth/signin/fitbit", { form: { csrfToken: "forged" }, maxRedirects: 0 }),
    request.post("/api/auth/signout", { form: { csrfToken: "forged" }, maxRedirects: 0 }),
    request.get("/api/auth/signin/unknown-provider", { maxRedirects: 0 }),
    request.get("/api/auth/nonsense", { maxRedirects: 0 }),
    request.get("/api/health?x=%ZZ", { maxRedirects: 0 }),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status(), response.url()).toBeLessThan(500);
  }
});

test("security: no secret or token material in client bundles", async () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith(".js")) files.push(full);
    }
  };
  walk(".next/static");
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const needle of ["nightly-demo-secret", "TOKEN_ENCRYPTION_KEY", "NEXTAUTH_SECRET", "accessTokenEnc", "refreshTokenEnc"]) {
      expect(text.includes(needle), `${needle} in ${file}`).toBe(false);
    }
  }
});

test("security: pages and URLs never carry tokens", async ({ page }) => {
  const urls: string[] = [];
  page.on("request", (req) => urls.push(req.url()));
  await signInWithFitbit(page, PEOPLE.ada);
  await page.goto("/account");
  const html = await page.content();
  expect(html).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // a JWT (Fitbit access token)
  expect(html).not.toMatch(/\b[0-9a-f]{64}\b/); // a Fitbit refresh token
  for (const url of urls) {
    expect(url).not.toMatch(/access_token|refresh_token|eyJ[A-Za-z0-9_-]{10,}\./);
  }
});
