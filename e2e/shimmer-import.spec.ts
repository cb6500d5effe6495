/**
 * Issue 9 §2 in the browser: an admin uploads Shimmer OAuth 1.0 records in the console (a broken
 * file first: every problem with its line, nothing imported), gets the links, and two new people
 * open theirs: with the legacy API in use the link leads to Fitbit consent, marked retired to
 * Google consent. Each lands as a participant enrolled in the chosen study, and the admin sees
 * "re-authorized" with the old username. Opening a link (GET) changes nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { healthUserId } from "./support/google";
import { PEOPLE, completeConsent, forgetPerson, sql } from "./support/stack";

test.describe.configure({ mode: "serial" });

const ISSUE_RECORD = JSON.parse(readFileSync(path.join(import.meta.dirname, "../lib/import/shimmer/fixtures/issue-9-record.json"), "utf8")) as Record<string, unknown>;
const NOOR = { id: "GNOFIT", name: "Noor Pixel" };
const FIRST = ISSUE_RECORD.username as string; // "tp|0e5fab3f1a"
const SECOND = "tp|e2e-second";
const second = { ...ISSUE_RECORD, id: "e2e-second-record", stateKey: "e2e-second-state", username: SECOND };

async function staffSignIn(browser: Browser, who: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await page.getByRole("button", { name: /Sign in with your organisation/ }).click();
  await expect(page).toHaveURL(/\/oidc\/authorize/);
  await page.getByRole("button", { name: `Sign in as ${who}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/oidc") && !url.pathname.startsWith("/api/auth"));
  return page;
}

async function forgetEveryone() {
  await forgetPerson(PEOPLE.sam);
  await sql(`DELETE FROM "User" WHERE id IN (SELECT "userId" FROM "ProviderConnection" WHERE "providerUserId" = $1)`, [healthUserId(NOOR)]);
  await sql(`DELETE FROM "ImportedAuthorization" WHERE username = ANY($1)`, [[FIRST, SECOND]]);
  await sql(`DELETE FROM "Study" WHERE name = 'Shimmer returners'`);
}
const setLegacyRetired = (retired: boolean) =>
  sql(`INSERT INTO "DeploymentSetting" (key, value, "updatedAt") VALUES ('legacy_api_retired', $1, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify({ retired })]);

test.beforeAll(forgetEveryone);
test.afterAll(async () => {
  await setLegacyRetired(false);
  await forgetEveryone();
});

async function upload(admin: Page, name: string, content: string, study?: string) {
  await admin.goto("/admin/imports");
  await admin.locator('input[type="file"]').setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
  if (study) await admin.getByLabel("Enrol them in").selectOption({ label: study });
  await admin.getByRole("button", { name: "Import" }).click();
}

test("admin imports OAuth 1.0 records; each person's link leads to consent and they land as a participant in the study", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await staffSignIn(browser, "Alan Admin");
  const adminId = (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'alan.admin@uni.example'`))[0]!.id;
  const studyId = (
    await sql<{ id: string }>(
      `INSERT INTO "Study" (id, name, metrics, "startDate", "createdById", "updatedAt") VALUES ('shimmerreturners0000001', 'Shimmer returners', ARRAY['sleep'], '2026-01-01', $1, now()) RETURNING id`,
      [adminId],
    )
  )[0]!.id;

  // A broken file: every problem with its line, and nothing imported.
  await upload(admin, "broken.ndjson", [JSON.stringify(ISSUE_RECORD), '{"id": "half a record",', JSON.stringify({ ...second, username: FIRST })].join("\n"));
  const problems = admin.getByTestId("import-problems");
  await expect(problems).toContainText("Nothing was imported.");
  await expect(problems.getByRole("row")).toHaveCount(3);
  await expect(problems.getByRole("row").nth(1)).toContainText(/^2\s*not valid JSON/);
  await expect(problems.getByRole("row").nth(2)).toContainText(`username “${FIRST}” is also on line 1`);
  expect(await sql(`SELECT 1 FROM "ImportedAuthorization"  WHERE username = ANY($1)`, [[FIRST, SECOND]])).toHaveLength(0);

  // Bad uploads are 4xx in words and change nothing.
  const bad = async (multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>) => {
    const response = await admin.request.post("/api/admin/imports/shimmer", { multipart });
    return { status: response.status(), message: ((await response.json()) as { error: { message: string } }).error.message };
  };
  expect(await bad({ studyId: "" })).toEqual({ status: 400, message: "Choose a file to import." });
  expect(await bad({ file: { name: "x.json", mimeType: "application/json", buffer: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) } })).toMatchObject({ status: 400, message: /not UTF-8/ });
  expect(await bad({ file: { name: "x.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(ISSUE_RECORD)) }, studyId: "../../etc" })).toMatchObject({ status: 400 });
  expect(await sql(`SELECT 1 FROM "ImportedAuthorization"  WHERE username = ANY($1)`, [[FIRST, SECOND]])).toHaveLength(0);

  // The issue's record and one more, as a JSON array, enrolled in the study.
  await upload(admin, "records.json", JSON.stringify([ISSUE_RECORD, second], null, 2), "Shimmer returners");
  const result = admin.getByTestId("import-result");
  await expect(result).toContainText("Imported 2 records");
  await expect(result).toContainText("The links lead to Fitbit consent.");
  const firstLink = await admin.getByLabel(`Link for ${FIRST}`).inputValue();
  const secondLink = await admin.getByLabel(`Link for ${SECOND}`).inputValue();
  expect(firstLink).toMatch(/\/reauthorize\/[A-Za-z0-9_-]{43}$/);
  await expect(admin.getByTestId(`imported-${FIRST}`)).toContainText("waiting");

  // The same file again changes nothing.
  await upload(admin, "records.json", JSON.stringify([ISSUE_RECORD, second], null, 2), "Shimmer returners");
  await expect(admin.getByTestId("import-result")).toContainText("Imported 0 records; 2 had been imported before and were left unchanged");

  // A new person opens the first link: the page changes nothing; Continue leads to Fitbit consent.
  const sam = await (await browser.newContext()).newPage();
  await sam.goto(new URL(firstLink).pathname);
  await expect(sam.getByRole("heading", { name: "Connect your tracker to Nightly again" })).toBeVisible();
  await expect(sam.getByText(FIRST)).toBeVisible();
  await expect(sam.getByRole("heading", { name: "You will join “Shimmer returners”" })).toBeVisible();
  expect(await sql(`SELECT "startedAt" FROM "ImportedAuthorization" WHERE username = $1`, [FIRST])).toEqual([{ startedAt: null }]);
  // security: Continue from another site, or with a made-up secret, starts nothing.
  const start = `${new URL(firstLink).pathname}/start`;
  expect((await sam.request.post(start, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, maxRedirects: 0 })).status()).toBe(403);
  expect((await sam.request.post("/reauthorize/not-a-secret/start", { maxRedirects: 0 })).status()).toBe(404);
  expect((await sam.request.get(start, { maxRedirects: 0 })).status()).toBe(405);
  expect(await sql(`SELECT "startedAt" FROM "ImportedAuthorization" WHERE username = $1`, [FIRST])).toEqual([{ startedAt: null }]);
  await sam.getByRole("button", { name: "Continue" }).click();
  await expect(sam).toHaveURL(/\/oauth2\/authorize/);
  expect(new URL(sam.url()).searchParams.get("redirect_uri")).toMatch(/\/api\/auth\/callback\/fitbit$/);
  await completeConsent(sam, PEOPLE.sam);
  await expect(sam).toHaveURL(/\/dashboard/);
  const samId = (await sql<{ userId: string }>(`SELECT "userId" FROM "ProviderConnection" WHERE provider = 'fitbit' AND "providerUserId" = $1`, [PEOPLE.sam.id]))[0]!.userId;
  expect(await sql(`SELECT "userId" FROM "ImportedAuthorization" WHERE username = $1`, [FIRST])).toEqual([{ userId: samId }]);
  expect(await sql(`SELECT "leftAt" FROM "StudyParticipant" WHERE "studyId" = $1 AND "userId" = $2`, [studyId, samId])).toEqual([{ leftAt: null }]);
  await sam.goto("/studies");
  await expect(sam.getByRole("heading", { name: "Shimmer returners" })).toBeVisible();

  // Signed in, the other link only says to sign out first.
  await sam.goto(new URL(secondLink).pathname);
  await expect(sam.getByTestId("signed-in")).toContainText(`This link is for ${SECOND}`);
  await expect(sam.getByRole("button", { name: "Continue" })).toHaveCount(0);

  // With the legacy API marked retired, the second link leads to Google consent.
  await setLegacyRetired(true);
  const noor = await (await browser.newContext()).newPage();
  await noor.goto(new URL(secondLink).pathname);
  await noor.getByRole("button", { name: "Continue" }).click();
  await expect(noor).toHaveURL(/\/o\/oauth2\/v2\/auth/);
  expect(new URL(noor.url()).searchParams.get("redirect_uri")).toMatch(/\/api\/auth\/callback\/google-health$/);
  await noor.getByRole("radio", { name: /Noor Pixel/ }).check();
  await noor.getByRole("button", { name: "Continue", exact: true }).click();
  await noor.waitForURL((url) => url.pathname.startsWith("/dashboard"), { timeout: 30_000 });
  const noorId = (await sql<{ userId: string }>(`SELECT "userId" FROM "ProviderConnection" WHERE "providerUserId" = $1`, [healthUserId(NOOR)]))[0]!.userId;
  expect(await sql(`SELECT "userId" FROM "ImportedAuthorization" WHERE username = $1`, [SECOND])).toEqual([{ userId: noorId }]);
  expect(await sql(`SELECT role::text AS role FROM "User" WHERE id = $1`, [noorId])).toEqual([{ role: "PARTICIPANT" }]);
  expect(await sql(`SELECT 1 FROM "StudyParticipant" WHERE "studyId" = $1 AND "userId" = $2`, [studyId, noorId])).toHaveLength(1);

  // The admin sees both re-authorized, under their old usernames.
  await admin.goto("/admin/imports");
  await expect(admin.getByTestId("imported-counts")).toContainText("2 re-authorized");
  await expect(admin.getByTestId(`imported-${FIRST}`)).toContainText("re-authorized");
  await expect(admin.getByTestId(`imported-${SECOND}`)).toContainText("re-authorized");
  await admin.goto(`/admin?q=${encodeURIComponent(FIRST)}`);
  await expect(admin.getByTestId(`user-${samId}`).getByTestId("reauthorized")).toContainText(`re-authorized as ${FIRST}`);

  // A used link starts nothing again.
  await noor.goto(new URL(secondLink).pathname);
  await expect(noor.getByRole("heading", { name: /Already connected|Connect your tracker/ })).toBeVisible();
});
