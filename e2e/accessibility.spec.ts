import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PEOPLE, emulator, signInWithFitbit } from "./support/stack";

/** WCAG 2.2 AA by axe on every page: light and dark, desktop and a 390 px phone. */

const PAGES = ["/dashboard", "/dashboard/sleep", "/dashboard/sleep?preset=1y", "/dashboard/hrv", "/dashboard/breathing", "/dashboard/nutrition", "/account", "/no-such-page"];
const SIZES = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")})`);
}

test.beforeAll(async () => {
  await emulator("/reset", { body: {} });
  await emulator("/rate-limit", { body: { perHour: 100_000 } });
});

test.afterAll(async () => {
  await emulator("/rate-limit", { body: { perHour: 150 } });
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no violations on any page (${scheme})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto("/");
    expect(await violations(page), "landing").toEqual([]);
    await signInWithFitbit(page, PEOPLE.ada);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const path of PAGES) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(await violations(page), `${path} at ${size.width}px`).toEqual([]);
      }
    }
    await context.close();
  });
}
