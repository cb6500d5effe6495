/**
 * Issue 8, second journey, on the real stack: an admin revokes a participant's access while the
 * participant has Nightly open in another browser. The emulator shows the grant revoked, the
 * participant's next request finds them signed out (and told why), and no sync job runs for them
 * afterwards — none queued or scheduled, and no provider request.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PEOPLE, emulator, signInWithFitbit, sql, type RequestCounters } from "./support/stack";

interface TokenSummary {
  activeAccessTokens: number;
  activeRefreshTokens: number;
  revokedAt: number | null;
}

async function staffSignIn(browser: Browser, who: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await page.getByRole("button", { name: /Sign in with your organisation/ }).click();
  await expect(page).toHaveURL(/\/oidc\/authorize/);
  await page.getByRole("button", { name: `Sign in as ${who}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/oidc") && !url.pathname.startsWith("/api/auth"));
  return page;
}

const requestsFor = async (personId: string) => {
  const counters = await emulator<RequestCounters>("/requests");
  return Object.values(counters.byUser[personId] ?? {}).reduce((sum, n) => sum + n, 0);
};

const syncJobs = (userId: string, states: string[]) =>
  sql<{ state: string }>(`SELECT state::text AS state FROM pgboss.job WHERE name = 'sync-user' AND data->>'userId' = $1 AND state::text = ANY($2)`, [userId, states]);

test("admin revokes a participant: revoked at the provider, open session signed out on its next request, no sync afterwards", async ({ browser }) => {
  test.setTimeout(120_000);
  const person = PEOPLE.sam;
  // The participant, signed in and syncing, in their own browser.
  const participant = await (await browser.newContext()).newPage();
  await signInWithFitbit(participant, person);
  await expect(participant).toHaveURL(/\/dashboard/);
  const userId = (await sql<{ id: string }>(`SELECT "userId" AS id FROM "ProviderConnection" WHERE "providerUserId" = $1`, [person.id]))[0]!.id;
  await expect.poll(() => requestsFor(person.id), { timeout: 30_000 }).toBeGreaterThan(0); // the first sync is under way
  expect((await emulator<TokenSummary>(`/users/${person.id}/tokens`)).activeRefreshTokens).toBeGreaterThan(0);

  // The admin finds them by provider id and revokes, deleting the synced data, after a confirmation step.
  const admin = await staffSignIn(browser, "Alan Admin");
  await admin.goto(`/admin?q=${person.id}`);
  const row = admin.getByTestId(`user-${userId}`);
  await expect(row).toContainText(`fitbit (${person.id}): active`);
  await row.getByRole("button", { name: /^Revoke access for / }).click();
  const confirm = row.getByRole("group", { name: /Confirm revoking access/ });
  await confirm.getByRole("radio", { name: "Delete it" }).check();
  await confirm.getByRole("button", { name: /^Yes, revoke access for / }).click();
  await expect(row.getByRole("status")).toContainText("Access revoked. Fitbit: revoked at the provider, tokens deleted.", { timeout: 60_000 });
  await expect(row.getByRole("status")).toContainText("Synced data deleted");

  // The emulator shows the grant revoked.
  const atProvider = await emulator<TokenSummary>(`/users/${person.id}/tokens`);
  expect(atProvider).toMatchObject({ activeAccessTokens: 0, activeRefreshTokens: 0 });
  expect(atProvider.revokedAt).not.toBeNull();

  // The participant's open session: the next API call is a 401, the next page says what happened.
  expect((await participant.request.get("/api/sync/status")).status()).toBe(401);
  await participant.reload();
  await expect(participant).toHaveURL(/signin=required/);
  await expect(participant.getByRole("status")).toContainText("An administrator revoked Nightly's access to your account");

  // No sync job runs for them afterwards: nothing queued or scheduled; a run cut off mid-way ends.
  expect(await syncJobs(userId, ["created", "retry"])).toEqual([]);
  await expect.poll(async () => (await syncJobs(userId, ["active"])).length, { timeout: 45_000 }).toBe(0);
  const after = await requestsFor(person.id);
  await admin.waitForTimeout(5_000);
  expect(await requestsFor(person.id)).toBe(after);
  expect(await syncJobs(userId, ["created", "retry", "active"])).toEqual([]);

  // The console shows what happened, and the audit log has it.
  await admin.reload();
  await expect(row).toContainText("revoked — An administrator revoked Nightly's access to this account.");
  const audit = await sql<{ action: string; details: { data: string } }>(`SELECT action, details FROM "AuditLog" WHERE action = 'access.revoke' AND "subjectUserId" = $1`, [userId]);
  expect(audit).toMatchObject([{ action: "access.revoke", details: { data: "delete" } }]);

  // The audit log page, filtered in the URL, and its CSV export (streamed, itself audited).
  await admin.goto(`/admin/audit?kind=access.revoke&subject=${userId}`);
  await expect(admin.getByTestId("audit-table")).toContainText("access.revoke");
  await expect(admin.getByTestId("audit-table").locator("tbody tr")).toHaveCount(1);
  await admin.screenshot({ path: test.info().outputPath("audit-page.png"), fullPage: true });
  const download = await admin.request.get(`/admin/audit/export?kind=access.revoke&subject=${userId}`);
  expect(download.status()).toBe(200);
  const lines = (await download.text()).trim().split("\r\n");
  expect(lines[0]).toBe("id,at,action,outcome,actor_id,actor_email,subject_user_id,study_id,target,details");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,access.revoke,ok,`);
  expect((await admin.request.get("/admin/audit/export?from=2026-02-30")).status()).toBe(400);
  await admin.goto("/admin/audit?kind=nonsense");
  await expect(admin.getByRole("alert").filter({ hasText: "kind must be one of" })).toBeVisible();
});
