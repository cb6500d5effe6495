/**
 * Issue 9 §1, the admin's side in the browser: the deployment-wide "legacy Fitbit API retired"
 * switch puts a synced Fitbit participant in the "Update your connection" state at once (no 410
 * needed, nothing deleted), the admin sends the update link again (an outbox message a mailer
 * would send; the participant's notice says when), and turning the switch off gives the
 * connection back. The switch is turned off and the person forgotten at the end.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PEOPLE, completeConsent, forgetPerson, signInWithFitbit, sql } from "./support/stack";

test.describe.configure({ mode: "serial" });

const person = PEOPLE.dana;

async function staffSignIn(browser: Browser, who: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await page.getByRole("button", { name: /Sign in with your organisation/ }).click();
  await expect(page).toHaveURL(/\/oidc\/authorize/);
  await page.getByRole("button", { name: `Sign in as ${who}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/oidc") && !url.pathname.startsWith("/api/auth"));
  return page;
}

async function switchTo(admin: Page, retired: boolean) {
  await admin.goto("/admin/moves");
  const section = admin.getByTestId("legacy-switch");
  await section.getByRole("checkbox").check();
  await section.getByRole("button", { name: retired ? "Mark the legacy Fitbit API retired" : "Use the legacy Fitbit API again" }).click();
  await expect(section.getByRole("status")).toContainText(retired ? "is marked retired" : "is in use again");
}

test.beforeAll(async () => {
  await forgetPerson(person);
});
test.afterAll(async () => {
  await sql(`UPDATE "DeploymentSetting" SET value = '{"retired": false}' WHERE key = 'legacy_api_retired'`);
  await sql(`UPDATE "ProviderConnection" SET status = 'ACTIVE', "statusReason" = NULL WHERE "statusReason" LIKE 'An administrator marked the legacy%' AND "refreshTokenEnc" IS NOT NULL`);
  await forgetPerson(person);
});

test("admin marks the legacy API retired: the participant is asked to update, asked again, and the switch gives the connection back", async ({ browser }) => {
  test.setTimeout(180_000);
  const participant = await (await browser.newContext()).newPage();
  await signInWithFitbit(participant, person);
  await expect(participant).toHaveURL(/\/dashboard/);
  const userId = (await sql<{ id: string }>(`SELECT "userId" AS id FROM "ProviderConnection" WHERE provider = 'fitbit' AND "providerUserId" = $1`, [person.id]))[0]!.id;
  await expect(participant.getByTestId("update-connection")).toHaveCount(0);

  const admin = await staffSignIn(browser, "Alan Admin");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Moving to Google" }).first().click();
  await expect(admin.getByTestId("legacy-switch")).toContainText("In use");
  await switchTo(admin, true);
  await expect(admin.getByTestId("legacy-switch")).toContainText("Marked retired for this deployment");

  // The participant, still signed in, is asked to update; nothing was deleted.
  await participant.goto("/dashboard");
  await expect(participant.getByTestId("update-connection")).toBeVisible();
  await expect(participant.getByTestId("asked-again")).toHaveCount(0);
  const connection = await sql<{ status: string; tokens: boolean }>(`SELECT status::text AS status, "refreshTokenEnc" IS NOT NULL AS tokens FROM "ProviderConnection" WHERE "userId" = $1`, [userId]);
  expect(connection).toEqual([{ status: "RETIRED", tokens: true }]);

  // Asked again, one person: the outbox holds the message, the console and the participant show when.
  await admin.goto("/admin/moves");
  const row = admin.getByTestId(`waiting-${person.id}`);
  await expect(row).toContainText("not asked again yet");
  await row.getByRole("button", { name: /^Send the update link again to / }).click();
  await expect(row.getByRole("status")).toContainText("queued for 1 person");
  await admin.reload();
  // When, in the admin's locale (en-GB here) with the zone said, the instant kept in <time dateTime>.
  const asked = admin.getByTestId(`waiting-${person.id}`).locator("time");
  await expect(asked).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d \S+$/);
  await expect(asked).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(admin.getByTestId("outbox-table")).toContainText("Update your Nightly connection");
  const outbox = await sql<{ body: string }>(`SELECT body FROM "OutboxMessage" WHERE "userId" = $1`, [userId]);
  expect(outbox).toHaveLength(1);
  expect(outbox[0]!.body).toContain("/update-connection");
  await participant.goto("/dashboard");
  await expect(participant.getByTestId("asked-again")).toContainText(/We asked you again on \d{1,2} \w+ \d{4}\./);

  // Where the link leads, signed out: Google sign-in, nothing about anyone.
  const stranger = await (await browser.newContext()).newPage();
  // Nobody new connects through the retired API: the landing page offers Google only, and a
  // legacy sign-in started anyway (a crafted POST) is refused before any account is linked.
  await stranger.goto("/");
  await expect(stranger.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
  await expect(stranger.getByRole("button", { name: "Sign in with Fitbit (legacy)" })).toHaveCount(0);
  await expect(stranger.getByTestId("legacy-retired-note")).toContainText("sign in with Google");
  await stranger.evaluate(async () => {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = Object.assign(document.createElement("form"), { method: "post", action: "/api/auth/signin/fitbit" });
    for (const [name, value] of [["csrfToken", csrfToken], ["callbackUrl", "/dashboard"]] as const) form.append(Object.assign(document.createElement("input"), { type: "hidden", name, value }));
    document.body.append(form);
    form.submit();
  });
  await expect(stranger).toHaveURL(/\/oauth2\/authorize/);
  await completeConsent(stranger, person);
  await expect(stranger).toHaveURL(/\/\?legacy=retired/);
  await expect(stranger.getByRole("status")).toContainText("no longer connects through the old Fitbit Web API");
  await stranger.goto("/dashboard");
  await expect(stranger).toHaveURL(/\/\?/);
  expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'signin.refused' AND details->>'reason' = 'legacy_retired'`)).not.toHaveLength(0);
  await stranger.goto("/update-connection");
  await expect(stranger.getByRole("button", { name: "Update your connection with Google" })).toBeVisible();

  expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'move.notify' AND "subjectUserId" = $1`, [userId])).toHaveLength(1);
  expect((await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'deployment.legacy_retired'`)).length).toBeGreaterThanOrEqual(1);

  // Off again: the connection the switch retired syncs again.
  await switchTo(admin, false);
  await participant.goto("/dashboard");
  await expect(participant.getByTestId("update-connection")).toHaveCount(0);
  expect(await sql(`SELECT status::text AS status FROM "ProviderConnection" WHERE "userId" = $1`, [userId])).toEqual([{ status: "ACTIVE" }]);
});
