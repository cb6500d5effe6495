import { expect, test } from "@playwright/test";
import { PEOPLE, emulator, signInWithFitbit } from "./support/stack";

test.describe("Sign in with Fitbit", () => {
  test("Allow on the consent page signs in and shows the profile and connection", async ({ page }) => {
    await signInWithFitbit(page, PEOPLE.ada);
    await page.goto("/account");
    await expect(page.getByTestId("profile-name")).toHaveText("Ada");
    await expect(page.getByText("Fitbit user 7QSTDY")).toBeVisible();
    await expect(page.getByText("Europe/London")).toBeVisible();
    await expect(page.getByText("Connected", { exact: true })).toBeVisible();
    const granted = page.getByRole("list", { name: "Granted permissions" });
    for (const scope of ["sleep", "heartrate", "respiratory_rate", "nutrition", "profile", "settings"]) {
      await expect(granted.locator(`li[data-scope="${scope}"]`)).toHaveAttribute("data-granted", "true");
    }
    await expect(page.getByTestId("token-expiry")).toContainText("in 8 hours");
  });

  test("Signing in still works when Fitbit rate-limits the profile request", async ({ page }) => {
    await emulator("/faults", { body: { kind: "429", endpoint: "profile", userId: PEOPLE.ada.id, count: 1 } });
    await signInWithFitbit(page, PEOPLE.ada);
    await page.goto("/account");
    await expect(page.getByText("Fitbit user 7QSTDY")).toBeVisible();
    await emulator("/faults", { method: "DELETE" });
  });

  test("Sign out ends the session", async ({ page }) => {
    await signInWithFitbit(page, PEOPLE.ada);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/\?signin=required/);
    await expect(page.getByRole("button", { name: "Sign in with Fitbit" })).toBeVisible();
  });

  test("Deny at the consent page brings the person to a friendly page", async ({ page }) => {
    await signInWithFitbit(page, PEOPLE.riley, { decision: "Deny" });
    await expect(page).toHaveURL(/\/auth\/denied/);
    await expect(page.getByRole("heading", { name: "No problem — nothing was shared" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again with Fitbit" })).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/signin=required/);
  });

  test("A partial grant is recorded, explained, and can be asked again", async ({ page }) => {
    await signInWithFitbit(page, PEOPLE.dana, { untick: ["respiratory_rate", "nutrition"] });
    await page.goto("/account");
    const granted = page.getByRole("list", { name: "Granted permissions" });
    await expect(granted.locator('li[data-scope="respiratory_rate"]')).toHaveAttribute("data-granted", "false");
    await expect(granted.locator('li[data-scope="nutrition"]')).toHaveAttribute("data-granted", "false");
    await expect(granted.locator('li[data-scope="sleep"]')).toHaveAttribute("data-granted", "true");
    const missing = page.getByTestId("missing-scopes");
    await expect(missing).toContainText("Breathing rate charts");
    await expect(missing).toContainText("Nutrition: calories, macros, water and meals");

    await missing.getByRole("button", { name: "Ask Fitbit again" }).click();
    await expect(page).toHaveURL(/\/oauth2\/authorize/);
    await page.getByRole("radio", { name: /Dana Daylight/ }).check();
    await page.getByRole("button", { name: "Allow", exact: true }).click();
    await page.goto("/account");
    await expect(granted.locator('li[data-scope="nutrition"]')).toHaveAttribute("data-granted", "true");
    await expect(page.getByTestId("missing-scopes")).toHaveCount(0);
  });
});
