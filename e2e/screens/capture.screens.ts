import { expect, test, type Page } from "@playwright/test";
import { signInWithGoogle } from "../support/google";
import { PEOPLE, emulator } from "../support/stack";

/** The pages a participant sees, shot after the demo person's whole year has synced through Google. */
const PAGES = [
  { name: "overview", path: "/dashboard" },
  { name: "sleep", path: "/dashboard/sleep" },
  { name: "sleep-year", path: "/dashboard/sleep?preset=1y" },
  { name: "hrv", path: "/dashboard/hrv" },
  { name: "breathing", path: "/dashboard/breathing" },
  { name: "nutrition", path: "/dashboard/nutrition" },
  { name: "account", path: "/account" },
  { name: "not-found", path: "/no-such-page" },
];
const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];
const OUT = process.env.SCREENSHOTS_DIR ?? "docs/screenshots";
/** e.g. SCREENSHOTS_ONLY=overview,sleep and SCREENSHOTS_SCHEMES=light while working on a page. */
const ONLY = process.env.SCREENSHOTS_ONLY?.split(",");
const SCHEMES = (process.env.SCREENSHOTS_SCHEMES?.split(",") ?? ["light", "dark"]) as ("light" | "dark")[];

async function waitForWholeYear(page: Page) {
  await page.goto("/dashboard");
  await expect(async () => {
    const response = await page.request.get("/api/sync/status");
    const body = (await response.json()) as { status: string; metrics: { daysLeft: number }[]; foodLogDaysLeft: number };
    expect(body.status).toBe("IDLE");
    expect(body.metrics.every((metric) => metric.daysLeft === 0)).toBe(true);
  }).toPass({ timeout: 240_000, intervals: [3_000] });
}

test("screenshots of every participant page", async ({ browser }) => {
  await emulator("/rate-limit", { body: { perHour: 100_000 } });
  for (const scheme of SCHEMES) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto("/");
    await page.screenshot({ path: `${OUT}/landing-desktop-${scheme}.png` });
    await signInWithGoogle(page, PEOPLE.ada);
    await waitForWholeYear(page);
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const target of PAGES.filter((candidate) => !ONLY || ONLY.includes(candidate.name))) {
        await page.goto(target.path);
        await page.waitForLoadState("networkidle");
        // Chart drawings load after the page (components/charts/plot.tsx): wait until each is drawn.
        await expect(page.locator(".plot-loading")).toHaveCount(0, { timeout: 20_000 });
        await page.screenshot({ path: `${OUT}/${target.name}-${size.name}-${scheme}.png`, fullPage: true });
      }
    }
    await context.close();
  }
});
