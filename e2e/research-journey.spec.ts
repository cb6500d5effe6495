/**
 * Issue 8, first journey, against the real stack (OIDC issuer and Fitbit on the emulator, two
 * Nightly processes, PostgreSQL): an admin makes a researcher; the researcher creates a study
 * and a link; a participant enrols; the researcher sees them, opens their charts, and exports
 * CSV — in the browser and with a personal API token — equal to the participant's own download.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { APP_URL, PEOPLE, completeConsent, sql } from "./support/stack";

async function staffSignIn(browser: Browser, who: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await page.getByRole("button", { name: /Sign in with your organisation/ }).click();
  await expect(page).toHaveURL(/\/oidc\/authorize/);
  await page.getByRole("button", { name: `Sign in as ${who}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/oidc") && !url.pathname.startsWith("/api/auth"));
  return page;
}

test("researcher journey: study, enrolment link, cohort, participant charts, CSV export equal to the participant's own, API token", async ({ browser, request }) => {
  test.setTimeout(180_000);
  // Rosa signs in before she is a researcher: the research area is closed to her.
  const rosa = await staffSignIn(browser, "Rosa Researcher");
  expect((await rosa.goto("/research"))?.status()).toBe(404);

  // Alan (ADMIN_EMAILS) makes her a researcher; it applies on her next request.
  const alan = await staffSignIn(browser, "Alan Admin");
  await alan.goto("/admin");
  await alan.getByRole("button", { name: "Make Rosa Researcher a researcher" }).click();
  await expect(alan.getByRole("button", { name: "Remove researcher role from Rosa Researcher" })).toBeVisible();
  expect((await rosa.goto("/research"))?.status()).toBe(200);

  // A study of sleep and HRV since 2025-01-01, and a link.
  await rosa.getByLabel("Study name").fill("Shift work and sleep");
  await rosa.getByRole("checkbox", { name: "heart rate variability" }).check();
  await rosa.getByLabel("Starts").fill("2025-01-01");
  await rosa.getByRole("button", { name: "Create study" }).click();
  await rosa.getByRole("link", { name: "Shift work and sleep" }).click();
  await expect(rosa.getByTestId("cohort-empty")).toBeVisible();
  const studyId = new URL(rosa.url()).pathname.split("/").at(-1)!;
  await rosa.getByRole("button", { name: "Create enrolment link" }).click();
  const link = await rosa.getByTestId("one-time-secret").inputValue();
  expect(link).toMatch(/\/enrol\/[A-Za-z0-9_-]{43}$/);

  // Ada opens the link, sees what is shared, signs in with Fitbit and joins.
  const ada = await (await browser.newContext()).newPage();
  await ada.goto(new URL(link).pathname);
  await expect(ada.getByRole("heading", { name: "Join “Shift work and sleep”" })).toBeVisible();
  await expect(ada.getByText("heart rate variability")).toBeVisible();
  await ada.getByRole("button", { name: "Sign in with Fitbit" }).click();
  await completeConsent(ada, PEOPLE.ada);
  await ada.goto(new URL(link).pathname);
  await ada.getByRole("button", { name: "Join the study" }).click();
  await expect(ada.getByRole("status")).toContainText("You are enrolled as P-");

  // She appears in the cohort table, and her charts open read-only (audited).
  await rosa.reload();
  const table = rosa.getByTestId("cohort-table");
  await expect(table).toContainText("Fitbit");
  await table.getByRole("link", { name: /^P-/ }).click();
  await expect(rosa.getByTestId("participant-heading")).toHaveText(/^P-[A-Z0-9]{6}$/);
  // Her charts speak of her to the researcher ("the participant's"), and offer nothing to select (read-only).
  const hrvFigure = rosa.getByRole("figure", { name: "Heart rate variability", exact: true });
  await expect(hrvFigure).toContainText("during the participant's main sleep");
  await expect(rosa.getByRole("figure", { name: "Sleep stages", exact: true })).toContainText("the morning they woke up");
  await expect(rosa.locator("main")).not.toContainText(/Select a night|\byour\b/i);
  const views = await sql<{ count: string }>(`SELECT count(*) FROM "AuditLog" WHERE action = 'participant.view' AND "studyId" = $1`, [studyId]);
  expect(Number(views[0]!.count)).toBe(1);

  // Her own download and the study export agree on every value of the study's metrics.
  const from = "2025-01-01";
  let own: string[] = [];
  await expect(async () => {
    const response = await ada.request.get(`/api/me/export?format=csv&from=${from}&to=${new Date().toISOString().slice(0, 10)}`);
    own = (await response.text()).trim().split("\r\n").slice(1).filter((line) => /,(sleep_|hrv_)/.test(line));
    expect(own.length).toBeGreaterThan(20); // the sync has brought nights in
  }).toPass({ timeout: 90_000 });
  const to = own.at(-1)!.split(",")[0]!;
  const mine = (await ada.request.get(`/api/me/export?format=csv&from=${from}&to=${to}`)).text();
  const ownRows = (await mine).trim().split("\r\n").slice(1).filter((line) => /,(sleep_|hrv_)/.test(line)).sort();
  const studyCsv = await (await rosa.request.get(`/api/studies/${studyId}/export?format=csv&from=${from}&to=${to}`)).text();
  const [header, ...studyRows] = studyCsv.trim().split("\r\n");
  expect(header).toBe("study_participant_id,date,metric,value,unit");
  const exportsAudited = await sql<{ via: string }>(`SELECT details->>'via' AS via FROM "AuditLog" WHERE action = 'export' AND "studyId" = $1`, [studyId]);
  expect(exportsAudited.map((row) => row.via)).toEqual(["session"]);
  expect(studyRows.map((line) => line.replace(/^P-[A-Z0-9]{6},/, "")).sort()).toEqual(ownRows);

  // The same export from a script, with a personal API token.
  await rosa.goto("/research");
  await rosa.getByLabel("Token name").fill("R laptop");
  await rosa.getByRole("button", { name: "Create token" }).click();
  const token = await rosa.getByTestId("one-time-secret").inputValue();
  const viaApi = await request.get(`${APP_URL()}/api/v1/studies/${studyId}/export?format=csv&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
  expect(viaApi.status()).toBe(200);
  expect(await viaApi.text()).toBe(studyCsv);
  // Other formats through the same path: the wide sleep file holds the long file's sleep values.
  const wide = await request.get(`${APP_URL()}/api/v1/studies/${studyId}/export?format=wide_csv&metric=sleep&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
  expect(wide.status()).toBe(200);
  const [wideHeader, ...wideRows] = (await wide.text()).trim().split("\r\n");
  const columns = wideHeader!.split(",");
  const fromWide = wideRows.flatMap((line) => {
    const cells = line.split(",");
    return columns.slice(2).flatMap((column, index) => (cells[index + 2] ? [`${cells[1]},${column},${cells[index + 2]}`] : []));
  });
  const longSleep = studyRows.filter((line) => line.includes(",sleep_")).map((line) => line.split(",").slice(1, 4).join(","));
  expect(fromWide.sort()).toEqual(longSleep.sort());
  const omh = await request.get(`${APP_URL()}/api/v1/studies/${studyId}/export?format=omh&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
  const points = (await omh.json()) as Array<{ header: { schema_id: { name: string } } }>;
  expect(new Set(points.map((point) => point.header.schema_id.name))).toEqual(new Set(["sleep-episode", "heart-rate-variability"]));
  const badFormat = await request.get(`${APP_URL()}/api/v1/studies/${studyId}/export?format=wide_csv&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
  expect(badFormat.status()).toBe(400);
  const participants = await request.get(`${APP_URL()}/api/v1/studies/${studyId}/participants`, { headers: { authorization: `Bearer ${token}` } });
  expect((await participants.json()).participants).toHaveLength(1);
  const allExports = await sql<{ via: string }>(`SELECT details->>'via' AS via FROM "AuditLog" WHERE action = 'export' AND "studyId" = $1 ORDER BY id`, [studyId]);
  expect(allExports.map((row) => row.via)).toEqual(["session", "api_token", "api_token", "api_token"]);

  // security: a revoked token is refused with no data.
  await rosa.getByRole("button", { name: "Revoke R laptop" }).click();
  await expect(rosa.getByText("revoked")).toBeVisible();
  const refused = await request.get(`${APP_URL()}/api/v1/studies/${studyId}/participants`, { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.text()).not.toContain("P-");
});
