/**
 * security: the generated suite. Every route handler and page under app/ is found on disk at
 * test time (lib/testing/app-files.ts), its declaration read from its source (the runtime
 * declarations are checked in lib/http/declarations.test.ts), and attacked over real HTTP against
 * the running app with real sessions and tokens in the real database: anonymous, another
 * participant, a researcher of another study, a researcher on admin pages, revoked and expired API
 * tokens, cross-site mutations. Every refusal must be a 401/403/404 (or the sign-in redirect) with
 * no data in it, and every authorization refusal must land in the audit log.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { hashSecret, newSecret, API_TOKEN_PREFIX } from "../lib/api-tokens/secret";
import { appFiles, PUBLIC_PAGES, UNDECLARED_ROUTES, urlOf } from "../lib/testing/app-files";
import { APP_URL, sql } from "./support/stack";

type Allow = "anyone" | "self" | "roles" | "study";
interface RouteCase {
  file: string;
  url: string;
  method: string;
  auth: "user" | "token" | "none";
  allow: Allow;
}

const ROOT = process.cwd();
const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The declaration as written in the route's defineRoute call (defaults as defineRoute applies them). */
function routeCases(): RouteCase[] {
  return appFiles("route.ts")
    .filter((file) => !(file in UNDECLARED_ROUTES))
    .flatMap((file) => {
      const text = source(file);
      const methods = [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = defineRoute\(/g)].map((match) => match[1]!);
      if (methods.length === 0) throw new Error(`${file}: no defineRoute export found; build it with defineRoute or list it in UNDECLARED_ROUTES`);
      const auth = (text.match(/auth:\s*"(user|token|none)"/)?.[1] ?? "user") as RouteCase["auth"];
      const allowText = text.match(/allow:\s*([^,\n]+)/)?.[1] ?? "";
      const allow: Allow = allowText.includes("roles") ? "roles" : allowText.includes("study") ? "study" : allowText.includes("anyone") || auth === "none" ? "anyone" : "self";
      return methods.map((method) => ({ file, url: urlOf(file), method, auth, allow }));
    });
}

/** Valid query strings for routes whose parameters are required, so a refusal comes from authorization, not from parsing. */
const SAMPLE_QUERY: Record<string, string> = {
  "/api/studies/[studyId]/export": "format=csv&from=2026-03-01&to=2026-03-31",
  "/api/v1/studies/[studyId]/export": "format=csv&from=2026-03-01&to=2026-03-31",
  "/api/me/sleep/night": "date=2026-03-10",
  "/api/me/hrv/night": "date=2026-03-10",
  "/api/me/breathing/night": "date=2026-03-10",
  "/api/me/nutrition/meals": "date=2026-03-10",
};

const day = (date: string) => `${date}T00:00:00Z`;
let ids: { rosa: string; rita: string; ada: string; ben: string; cleo: string; studyRosa: string; studyRita: string; adaInRosa: string; benLeftRosa: string; cleoInRita: string };
let cookies: { rosa: string; ada: string };
let tokens: { valid: string; revoked: string; expired: string };
let links: { revoked: string; expired: string };

async function newId(): Promise<string> {
  return `c${randomBytes(12).toString("hex")}`;
}

async function person(name: string, role: "PARTICIPANT" | "RESEARCHER"): Promise<string> {
  const id = await newId();
  await sql(`INSERT INTO "User" (id, name, email, role, timezone, "updatedAt") VALUES ($1, $2, $3, $4::"Role", 'Europe/London', now())`, [id, name, `${id}@sec.example`, role]);
  return id;
}

async function session(userId: string): Promise<string> {
  const token = randomBytes(24).toString("hex");
  await sql(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [await newId(), token, userId]);
  return `next-auth.session-token=${token}`;
}

async function study(researcherId: string, metrics: string[]): Promise<string> {
  const id = await newId();
  await sql(`INSERT INTO "Study" (id, name, metrics, "startDate", "endDate", "createdById", "updatedAt") VALUES ($1, 'Security study', $2, '2026-03-01', '2026-03-31', $3, now())`, [id, metrics, researcherId]);
  await sql(`INSERT INTO "StudyMember" ("studyId", "userId") VALUES ($1, $2)`, [id, researcherId]);
  return id;
}

async function enrol(studyId: string, userId: string, left = false): Promise<string> {
  const id = await newId();
  await sql(`INSERT INTO "StudyParticipant" (id, "studyId", "userId", "studyCode", "leftAt") VALUES ($1, $2, $3, $4, $5)`, [id, studyId, userId, `P-${randomBytes(3).toString("hex").toUpperCase()}`, left ? new Date() : null]);
  return id;
}

async function nightOf(userId: string, date: string, minutes: number) {
  await sql(
    `INSERT INTO "SleepLog" (id, "userId", provider, "providerLogId", "dateOfSleep", "startLocal", "endLocal", "startAt", "endAt", "startUtcOffsetMin", "endUtcOffsetMin", "durationMs", "isMainSleep", type, "logType", "infoCode", efficiency, "minutesAsleep", "minutesAwake", "minutesToFallAsleep", "minutesAfterWakeup", "timeInBed", levels, "updatedAt")
     VALUES ($1, $2, 'fitbit', $1, $3, $4, $5, $6, $7, 0, 0, 25200000, true, 'CLASSIC', 'auto_detected', 0, 90, $8, 20, 0, 0, $9, '{}', now())`,
    [await newId(), userId, date, `${date}T00:00:00.000`, `${date}T07:00:00.000`, day(date), `${date}T07:00:00Z`, minutes, minutes + 20],
  );
  await sql(`INSERT INTO "HrvDaily" ("userId", provider, date, "dailyRmssd", "updatedAt") VALUES ($1, 'fitbit', $2, 77.7, now())`, [userId, date]);
}

async function apiToken(userId: string, state: "valid" | "revoked" | "expired"): Promise<string> {
  const secret = newSecret(API_TOKEN_PREFIX);
  await sql(`INSERT INTO "ApiToken" (id, "userId", name, prefix, "tokenHash", "revokedAt", "expiresAt") VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    await newId(), userId, state, secret.slice(0, 8), hashSecret(secret), state === "revoked" ? new Date() : null, state === "expired" ? new Date(Date.now() - 60_000) : null,
  ]);
  return secret;
}

async function link(studyId: string, state: "revoked" | "expired"): Promise<string> {
  const secret = newSecret();
  await sql(`INSERT INTO "EnrolmentLink" (id, "studyId", "tokenHash", "createdById", "revokedAt", "expiresAt") VALUES ($1, $2, $3, $4, $5, $6)`, [
    await newId(), studyId, hashSecret(secret), ids.rosa, state === "revoked" ? new Date() : null, state === "expired" ? new Date(Date.now() - 60_000) : null,
  ]);
  return secret;
}

test.beforeAll(async () => {
  const rosa = await person("Rosa Sec", "RESEARCHER");
  const rita = await person("Rita Sec", "RESEARCHER");
  const ada = await person("Ada Sec", "PARTICIPANT");
  const ben = await person("Ben Sec", "PARTICIPANT");
  const cleo = await person("Cleo Sec", "PARTICIPANT");
  const studyRosa = await study(rosa, ["sleep"]);
  const studyRita = await study(rita, ["sleep", "hrv"]);
  ids = { rosa, rita, ada, ben, cleo, studyRosa, studyRita, adaInRosa: await enrol(studyRosa, ada), benLeftRosa: await enrol(studyRosa, ben, true), cleoInRita: await enrol(studyRita, cleo) };
  for (const [date, minutes] of [["2026-02-20", 401], ["2026-03-10", 422], ["2026-04-05", 433]] as const) await nightOf(ada, date, minutes);
  await nightOf(ben, "2026-03-11", 444);
  await nightOf(cleo, "2026-03-12", 455);
  cookies = { rosa: await session(rosa), ada: await session(ada) };
  tokens = { valid: await apiToken(rosa, "valid"), revoked: await apiToken(rosa, "revoked"), expired: await apiToken(rosa, "expired") };
  links = { revoked: await link(studyRosa, "revoked"), expired: await link(studyRosa, "expired") };
});

async function client(headers: Record<string, string> = {}): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: APP_URL(), extraHTTPHeaders: headers });
}

/** Fills a route's dynamic segments with ids the caller must not reach. */
function fill(url: string, values: Record<string, string>): string {
  return url.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`no attack value for [${name}] in ${url}: add one`);
    return value;
  });
}

async function refusalsOf(actorId: string): Promise<number> {
  const rows = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "actorId" = $1 AND outcome = 'refused'`, [actorId]);
  return rows[0]!.n;
}

/**
 * No data: nobody's name, id or study code, and (in API answers) none of their numbers. Pages are
 * HTML full of hashed asset names and nonces, where short numbers occur by chance: for pages the
 * names, ids and codes are the test.
 */
async function expectNoData(body: string, what: string, options: { numbers?: boolean; viewer?: string } = {}) {
  const codes = (await sql<{ code: string }>(`SELECT "studyCode" AS code FROM "StudyParticipant" WHERE "userId" = ANY($1)`, [[ids.ada, ids.ben, ids.cleo]])).map((row) => row.code);
  const numbers = options.numbers === false ? [] : ["422", "444", "455", "77.7"];
  // A page's header names the viewer: their own name and id are not a leak.
  const people = [["Ada Sec", ids.ada], ["Cleo Sec", ids.cleo], ["Ben Sec", ids.ben]].filter(([, id]) => id !== options.viewer).flat();
  for (const secret of [...codes, ...numbers, ...people]) expect(body, `${what} leaked ${secret}`).not.toContain(secret);
}

const ROUTES = routeCases();
const OTHER = () => ({ studyId: ids.studyRita, participantId: ids.cleoInRita });

test("security: the route list is generated from app/ and every route has a known declaration", () => {
  expect(ROUTES.length).toBeGreaterThan(10);
  for (const route of ROUTES) expect(["anyone", "self", "roles", "study"]).toContain(route.allow);
});

test("security: anonymous callers get 401 from every declared API route, with no data", async () => {
  const anonymous = await client();
  for (const route of ROUTES.filter((r) => r.allow !== "anyone")) {
    const url = `${fill(route.url, OTHER())}?${SAMPLE_QUERY[route.url] ?? ""}`;
    const response = await anonymous.fetch(url, { method: route.method, maxRedirects: 0 });
    expect(response.status(), `${route.method} ${url}`).toBe(401);
    await expectNoData(await response.text(), url);
  }
});

test("security: a researcher reaching another study's routes by changing ids gets 404, no data, audited", async () => {
  const rosa = await client({ cookie: cookies.rosa });
  for (const route of ROUTES.filter((r) => r.allow === "study" && r.auth === "user")) {
    const before = await refusalsOf(ids.rosa);
    const url = `${fill(route.url, OTHER())}?${SAMPLE_QUERY[route.url] ?? ""}`;
    const response = await rosa.fetch(url, { method: route.method, maxRedirects: 0 });
    expect(response.status(), url).toBe(404);
    await expectNoData(await response.text(), url);
    expect(await refusalsOf(ids.rosa), `${url} not audited`).toBeGreaterThan(before);
  }
});

test("security: a participant gets 404 on every study route and 403 on every role route, audited", async () => {
  const ada = await client({ cookie: cookies.ada });
  for (const route of ROUTES.filter((r) => r.auth === "user" && (r.allow === "study" || r.allow === "roles"))) {
    const before = await refusalsOf(ids.ada);
    // Her own study's id: being a participant in it gives no researcher access.
    const url = `${fill(route.url, { studyId: ids.studyRosa, participantId: ids.adaInRosa })}?${SAMPLE_QUERY[route.url] ?? ""}`;
    const response = await ada.fetch(url, { method: route.method, maxRedirects: 0 });
    expect(response.status(), url).toBe(route.allow === "roles" ? 403 : 404);
    await expectNoData(await response.text(), url);
    expect(await refusalsOf(ids.ada), `${url} not audited`).toBeGreaterThan(before);
  }
});

test("security: a participant cannot name someone else in their own data routes (unknown ids are a 400, no data)", async () => {
  const ada = await client({ cookie: cookies.ada });
  for (const route of ROUTES.filter((r) => r.allow === "self" && r.method === "GET")) {
    const url = `${route.url}?${SAMPLE_QUERY[route.url] ? `${SAMPLE_QUERY[route.url]}&` : ""}userId=${ids.cleo}`;
    const response = await ada.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(400);
    await expectNoData(await response.text(), url);
  }
});

test("security: revoked and expired API tokens are refused with 401 and audited; a valid one cannot reach another study", async () => {
  const tokenRoutes = ROUTES.filter((r) => r.auth === "token");
  expect(tokenRoutes.length).toBeGreaterThan(0);
  for (const route of tokenRoutes) {
    for (const secret of [tokens.revoked, tokens.expired, `${API_TOKEN_PREFIX}${"x".repeat(43)}`]) {
      const api = await client({ authorization: `Bearer ${secret}` });
      const url = `${fill(route.url, { studyId: ids.studyRosa })}?${SAMPLE_QUERY[route.url] ?? ""}`;
      const response = await api.fetch(url, { method: route.method });
      expect(response.status(), url).toBe(401);
      await expectNoData(await response.text(), url);
    }
    const before = await refusalsOf(ids.rosa);
    const other = await (await client({ authorization: `Bearer ${tokens.valid}` })).fetch(`${fill(route.url, OTHER())}?${SAMPLE_QUERY[route.url] ?? ""}`, { method: route.method });
    expect(other.status()).toBe(404);
    await expectNoData(await other.text(), route.url);
    expect(await refusalsOf(ids.rosa)).toBeGreaterThan(before);
  }
  const audited = await sql<{ reason: string }>(`SELECT details->>'reason' AS reason FROM "AuditLog" WHERE action = 'api_token.use' AND outcome = 'refused' AND "actorId" = $1`, [ids.rosa]);
  expect(new Set(audited.map((row) => row.reason))).toEqual(new Set(["revoked", "expired"]));
});

test("security: a researcher's export holds only enrolled participants, the study's metrics and its window", async () => {
  const rosa = await client({ cookie: cookies.rosa });
  const csv = await (await rosa.get(`/api/studies/${ids.studyRosa}/export?format=csv&from=2026-01-01&to=2026-06-30`)).text();
  const rows = csv.trim().split("\r\n").slice(1);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((row) => /,2026-03-\d\d,sleep_/.test(row)), csv).toBe(true); // March only, sleep only
  expect(csv).toContain("422");
  for (const outside of ["401", "433", "77.7", "444", "455"]) expect(csv).not.toContain(`,${outside},`); // other months, HRV, who left, other study
});

test("security: pages — anonymous is sent to sign in, other people's studies and participants are 404, admin pages are 404 to a researcher; audited", async () => {
  const pages = appFiles("page.tsx").filter((file) => !(file in PUBLIC_PAGES)).map(urlOf);
  expect(pages.length).toBeGreaterThan(8);
  const anonymous = await client();
  const rosa = await client({ cookie: cookies.rosa });
  const ada = await client({ cookie: cookies.ada });
  for (const page of pages) {
    const url = fill(page, OTHER());
    const response = await anonymous.get(url, { maxRedirects: 0 });
    expect([307, 303, 302], url).toContain(response.status());
    expect(response.headers().location, url).toMatch(/\/\?signin=required(&next=%2F[^&]*)?$/);
  }
  const attempts: { who: APIRequestContext; actor: string; url: string }[] = [
    ...pages.filter((page) => page.startsWith("/admin")).map((url) => ({ who: rosa, actor: ids.rosa, url })),
    ...pages.filter((page) => page.startsWith("/research/studies/")).map((page) => ({ who: rosa, actor: ids.rosa, url: fill(page, OTHER()) })),
    // Her own study, but a participant of another study, and one who left.
    { who: rosa, actor: ids.rosa, url: `/research/studies/${ids.studyRosa}/participants/${ids.cleoInRita}` },
    { who: rosa, actor: ids.rosa, url: `/research/studies/${ids.studyRosa}/participants/${ids.benLeftRosa}` },
    ...pages.filter((page) => page.startsWith("/research") || page.startsWith("/admin")).map((page) => ({ who: ada, actor: ids.ada, url: fill(page, { studyId: ids.studyRosa, participantId: ids.adaInRosa }) })),
  ];
  expect(attempts.length).toBeGreaterThan(6);
  for (const { who, actor, url } of attempts) {
    const before = await refusalsOf(actor);
    const response = await who.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(404);
    await expectNoData(await response.text(), url, { numbers: false, viewer: actor });
    expect(await refusalsOf(actor), `${url} not audited`).toBeGreaterThan(before);
  }
});

test("security: revoked and expired enrolment links show nothing of the study, and are audited", async () => {
  const ada = await client({ cookie: cookies.ada });
  for (const secret of [links.revoked, links.expired]) {
    const before = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'study.enrol' AND outcome = 'refused' AND "actorId" = $1`, [ids.ada]))[0]!.n;
    const body = await (await ada.get(`/enrol/${secret}`)).text();
    expect(body).toContain("This link no longer works");
    expect(body).not.toContain("Security study");
    expect(body).not.toContain("Rosa Sec");
    const after = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'study.enrol' AND outcome = 'refused' AND "actorId" = $1`, [ids.ada]))[0]!.n;
    expect(after).toBe(before + 1);
  }
});

test("security: every mutating route refuses a cross-site request carrying the victim's cookie", async () => {
  const mutations = ROUTES.filter((r) => r.method !== "GET");
  expect(mutations.length).toBeGreaterThan(0);
  for (const headers of [{ origin: "https://evil.example", "sec-fetch-site": "cross-site" }, { origin: "http://localhost:1", "sec-fetch-site": "same-site" }]) {
    const victim = await client({ cookie: cookies.ada, ...headers });
    for (const route of mutations) {
      const response = await victim.fetch(fill(route.url, { studyId: ids.studyRosa }), { method: route.method, maxRedirects: 0 });
      expect(response.status(), `${route.method} ${route.url}`).toBe(403);
    }
  }
});

// Last: it changes who is enrolled.
test("security: a participant leaves a study from My studies, and the researcher loses her data from that moment", async ({ browser }) => {
  const rosa = await client({ cookie: cookies.rosa });
  const participantPage = `/research/studies/${ids.studyRosa}/participants/${ids.adaInRosa}`;
  expect((await rosa.get(participantPage)).status()).toBe(200);
  expect(await (await rosa.get(`/api/studies/${ids.studyRosa}/export?format=csv&from=2026-03-01&to=2026-03-31`)).text()).toContain("422");

  const context = await browser.newContext({ baseURL: APP_URL() });
  await context.addCookies([{ name: "next-auth.session-token", value: cookies.ada.split("=")[1]!, url: APP_URL() }]);
  const page = await context.newPage();
  await page.goto("/studies");
  await expect(page.getByRole("heading", { name: "My studies" })).toBeVisible();
  const entry = page.getByTestId("my-studies").getByRole("listitem").filter({ hasText: "Security study" });
  await expect(entry).toContainText("What the research team sees");
  await expect(entry).toContainText("sleep");
  await entry.getByRole("button", { name: /^Leave “Security study”/ }).click();
  await expect(entry.getByRole("group")).toContainText("can no longer open or export any of your data");
  await entry.getByRole("button", { name: "Yes, leave “Security study”" }).click();
  await expect(page.getByTestId("my-studies-empty")).toBeVisible();

  expect((await rosa.get(participantPage)).status()).toBe(404);
  const csv = await (await rosa.get(`/api/studies/${ids.studyRosa}/export?format=csv&from=2026-03-01&to=2026-03-31`)).text();
  expect(csv).not.toContain("422");
  const audited = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'study.leave' AND "subjectUserId" = $1`, [ids.ada]);
  expect(audited[0]!.n).toBe(1);
  await context.close();
});
