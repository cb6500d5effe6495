import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { PEOPLE, emulator, signInWithFitbit } from "./support/stack";

/** WCAG 2.2 AA by axe on every page: light and dark, desktop and a 390 px phone. */

const PAGES = ["/dashboard", "/dashboard/sleep", "/dashboard/sleep?preset=1y", "/dashboard/hrv", "/dashboard/breathing", "/dashboard/nutrition", "/account", "/no-such-page"];
const SIZES = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let storageState: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await emulator("/reset", { body: {} });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  const landing = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(landing.violations.map((violation) => violation.id), "landing page").toEqual([]);
  await signInWithFitbit(page, PEOPLE.ada);
  storageState = await context.storageState();
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  for (const size of SIZES) {
    test(`axe: no violations on any page, ${scheme}, ${size.name}`, async ({ browser }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({ colorScheme: scheme, viewport: size, storageState });
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of PAGES) {
        await page.goto(path);
        await page.locator("main h1").first().waitFor();
        const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        for (const violation of result.violations) {
          found.push(`${path}: ${violation.id} — ${violation.help} (${violation.nodes.slice(0, 3).map((node) => `${node.target.join(" ")} ${node.failureSummary ?? ""}`.slice(0, 300)).join(" | ")})`);
        }
      }
      await context.close();
      expect(found).toEqual([]);
    });
  }
}
