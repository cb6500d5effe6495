import { expect, test } from "@playwright/test";
import { PEOPLE, completeConsent, signInWithFitbit } from "./support/stack";

/**
 * Issue 10 §1: signing in from a deep link returns to that page; "Ask again" that comes back
 * with a different account than the signed-in one changes nothing and says so on the page.
 */
test("signing in from a deep link returns to that page", async ({ page }) => {
  await page.goto("/dashboard/sleep?preset=90d");
  await expect(page).toHaveURL(/\/\?signin=required&next=%2Fdashboard%2Fsleep%3Fpreset%3D90d$/);
  await expect(page.getByText("Sign in to see that page.")).toBeVisible();
  await signInWithFitbit(page, PEOPLE.sam, { startUrl: page.url() });
  await expect(page).toHaveURL(/\/dashboard\/sleep\?preset=90d$/);
});

test("a deep link to another site is never followed after sign-in", async ({ page }) => {
  await page.goto("/?signin=required&next=%2F%2Fevil.example%2F");
  await signInWithFitbit(page, PEOPLE.sam, { startUrl: page.url() });
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("'Ask again' that picks another account changes nothing and explains what happened", async ({ page }) => {
  await signInWithFitbit(page, PEOPLE.dana, { untick: ["respiratory_rate"] });
  await page.goto("/dashboard/breathing");
  await page.getByRole("button", { name: /Ask .* again/ }).click();
  await expect(page).toHaveURL(/\/oauth2\/authorize/);
  await completeConsent(page, PEOPLE.ada);
  await expect(page.getByTestId("other-account")).toContainText("signed you in as a different account");
  // Still Dana, still without breathing rate.
  await page.goto("/dashboard/breathing");
  await expect(page.getByText(/You didn't allow Nightly to read breathing rate/)).toBeVisible();
});
