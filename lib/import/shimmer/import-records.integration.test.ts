import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "@/lib/testing/test-env";

/**
 * Issue 9 §2 on real PostgreSQL: the issue's record, a generated file of 1,000 records, malformed
 * files that import nothing, re-imports that change nothing, and the prepared OAuth 2.0 request
 * behind each link (state and PKCE verifier kept encrypted, this deployment's redirect URI,
 * Nightly's scopes; the OAuth 1.0 token and secret nowhere).
 */
const ISSUE_RECORD_TEXT = readFileSync(path.join(import.meta.dirname, "fixtures", "issue-9-record.json"), "utf8");
const ISSUE_RECORD = JSON.parse(ISSUE_RECORD_TEXT) as Record<string, unknown>;
const OAUTH1_TOKEN = "699018ef6491ead4cadf682507bca5a0";
const OAUTH1_SECRET = "6130fa167f49d2149cbec7d04cf14244";

/** NDJSON of `count` records shaped like the issue's, each with its own id, stateKey and username. */
function generated(count: number, prefix: string): string {
  return Array.from({ length: count }, (_, index) => {
    const token = createHash("md5").update(`${prefix}${index}`).digest("hex");
    return JSON.stringify({
      ...ISSUE_RECORD,
      id: createHash("sha1").update(`${prefix}${index}`).digest("hex").slice(0, 24),
      stateKey: `${prefix}-state-${index}`,
      username: `${prefix}|${index.toString(16).padStart(6, "0")}`,
      requestParams: { oauth_token: token, oauth_token_secret: createHash("md5").update(`s${index}`).digest("hex") },
      authorizationUrl: `https://www.fitbit.com/oauth/authenticate?oauth_consumer_key=1651ecdcf167d2a5928a5d243664f209&oauth_nonce=${index}&oauth_signature=x&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1445536566&oauth_token=${token}&oauth_version=1.0`,
    });
  }).join("\n");
}

let db: typeof import("@/lib/db/client").db;
let importer: typeof import("./import-records");
let admin: { id: string; role: "ADMIN"; via: "session" };

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("@/lib/db/client")).db;
  importer = await import("./import-records");
  const staff = await db.user.create({ data: { name: "Admin", email: "import-admin@example.com", role: "ADMIN" } });
  admin = { id: staff.id, role: "ADMIN", via: "session" };
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
});

const snapshot = () => db.importedAuthorization.findMany({ orderBy: { username: "asc" } });

describe("importing Shimmer OAuth 1.0 records", () => {
  it("turns the issue's record into a pending re-authorization with a fresh OAuth 2.0 request, and never stores the OAuth 1.0 token or secret", async () => {
    const { openRequest } = await import("./authorization-request");
    const { FITBIT_REQUESTED_SCOPES } = await import("@/lib/providers/fitbit/scopes");
    const report = await importer.importShimmerFile(ISSUE_RECORD_TEXT, { importedById: admin.id });
    expect(report).toMatchObject({ format: "json-object", problems: [], unchanged: [], provider: "fitbit" });
    expect(report.imported).toEqual([{ line: 1, username: "tp|0e5fab3f1a", link: expect.stringMatching(/^http:\/\/localhost:3999\/reauthorize\/[A-Za-z0-9_-]{43}$/) }]);

    const row = await db.importedAuthorization.findUniqueOrThrow({ where: { username: "tp|0e5fab3f1a" } });
    expect(row).toMatchObject({
      recordId: "56292336e4b0682904230a52",
      stateKey: "c19cb2bf-9303-4f97-8573-9182849d963c",
      clientRedirectUrl: "oob",
      provider: "fitbit",
      redirectUri: "http://localhost:3999/api/auth/callback/fitbit",
      scopes: [...FITBIT_REQUESTED_SCOPES],
      studyId: null,
      userId: null,
      reauthorizedAt: null,
      importedById: admin.id,
    });
    // Only the link's hash is kept; the request's secrets only encrypted.
    const secret = report.imported[0]!.link.split("/").pop()!;
    expect(row.linkTokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    const request = openRequest(row.requestEnc, row.username);
    expect(request?.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request?.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.requestEnc).not.toContain(request!.state);
    const everything = JSON.stringify(await db.$queryRawUnsafe(`SELECT * FROM "ImportedAuthorization"`)) + JSON.stringify(await db.auditLog.findMany({ select: { target: true, details: true } }));
    for (const oauth1 of [OAUTH1_TOKEN, OAUTH1_SECRET, "3HaA0rk1cz5TgqxxRu0faHqVs44", "xx.xx.xx.xx"]) expect(everything).not.toContain(oauth1);
    expect(await db.auditLog.count({ where: { action: "import.shimmer", outcome: "ok", actorId: admin.id } })).toBe(1);
  });

  it("imports the same file a second time without changing anything", async () => {
    const before = await snapshot();
    const report = await importer.importShimmerFile(ISSUE_RECORD_TEXT, { importedById: admin.id });
    expect(report).toMatchObject({ importId: null, imported: [], problems: [], unchanged: [{ line: 1, username: "tp|0e5fab3f1a" }] });
    expect(await snapshot()).toEqual(before);
  });

  it("imports a generated file of 1,000 records in one go, in seconds, and again changes nothing", async () => {
    const file = generated(1000, "gen");
    const started = performance.now();
    const report = await importer.importShimmerFile(file, { importedById: admin.id });
    const seconds = (performance.now() - started) / 1000;
    console.log(`imported 1,000 Shimmer records in ${seconds.toFixed(2)} s`);
    expect(report.problems).toEqual([]);
    expect(report.imported).toHaveLength(1000);
    expect(new Set(report.imported.map((entry) => entry.link)).size).toBe(1000);
    expect(report.imported[999]).toMatchObject({ line: 1000, username: "gen|0003e7" });
    expect(await db.importedAuthorization.count({ where: { importId: report.importId! } })).toBe(1000);
    const before = await snapshot();
    const again = await importer.importShimmerFile(file);
    expect(again).toMatchObject({ imported: [], problems: [] });
    expect(again.unchanged).toHaveLength(1000);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it("two imports of the same file at once: one imports, the other changes nothing (never half)", async () => {
    const file = generated(50, "race");
    const results = await Promise.allSettled([importer.importShimmerFile(file), importer.importShimmerFile(file)]);
    const imported = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.imported.length] : []));
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason as { status: number }] : []));
    expect(imported.filter((count) => count === 50)).toHaveLength(1);
    expect(imported.filter((count) => count !== 50 && count !== 0)).toEqual([]);
    for (const error of refused) expect(error.status).toBe(409);
    expect(await db.importedAuthorization.count({ where: { username: { startsWith: "race|" } } })).toBe(50);
  });

  it("imports nothing from a file with any problem, and says which lines", async () => {
    const before = await snapshot();
    const fine = generated(3, "fine").split("\n");
    const file = [
      fine[0],
      '{"id": "x", "username": "broken",', // 2: not JSON
      JSON.stringify({ ...ISSUE_RECORD, username: "no-url", authorizationUrl: undefined }), // 3: missing field
      JSON.stringify({ ...ISSUE_RECORD, username: "not-fitbit", authorizationUrl: "https://accounts.example.com/oauth/authenticate?oauth_token=699018ef6491ead4cadf682507bca5a0&oauth_consumer_key=1" }), // 4
      fine[1],
      JSON.stringify({ ...JSON.parse(fine[1]!), id: "another" }), // 6: same username as line 5
      JSON.stringify({ ...ISSUE_RECORD, id: "someone-else" }), // 7: username imported before, from another record
      fine[2],
    ].join("\n");
    const report = await importer.importShimmerFile(file, { importedById: admin.id });
    expect(report.imported).toEqual([]);
    expect(report.importId).toBeNull();
    expect(report.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 6, 7]);
    expect(report.problems.find((problem) => problem.line === 3)!.message).toBe("authorizationUrl is missing");
    expect(report.problems.find((problem) => problem.line === 4)!.message).toMatch(/not a Fitbit OAuth 1.0 authorization URL/);
    expect(report.problems.find((problem) => problem.line === 6)!.message).toMatch(/is also on line 5/);
    expect(report.problems.find((problem) => problem.line === 7)!.message).toMatch(/already imported from another record \(id 56292336e4b0682904230a52\)/);
    expect(await snapshot()).toEqual(before);
    expect(await db.auditLog.count({ where: { action: "import.shimmer", outcome: "refused" } })).toBe(1);
  });

  it("prepares Google requests when the legacy API is marked retired, and a link's Continue switches an older Fitbit request to Google", async () => {
    const { setLegacyApiRetired } = await import("@/lib/admin/set-legacy-retired");
    const { startReauthorization } = await import("./start-reauthorization");
    const { GOOGLE_AUTH_SCOPES } = await import("@/lib/providers/google/scopes");
    const { decode } = await import("next-auth/jwt");
    const fitbitLink = (await importer.importShimmerFile(generated(1, "before-switch"))).imported[0]!.link;
    await setLegacyApiRetired(admin, true);
    const report = await importer.importShimmerFile(generated(1, "after-switch"));
    expect(report.provider).toBe("google-health");
    const row = await db.importedAuthorization.findFirstOrThrow({ where: { username: report.imported[0]!.username } });
    expect(row).toMatchObject({ provider: "google-health", redirectUri: "http://localhost:3999/api/auth/callback/google-health", scopes: [...GOOGLE_AUTH_SCOPES] });

    const started = await startReauthorization(fitbitLink.split("/").pop()!);
    const url = new URL(started.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe("http://127.0.0.1:9/o/oauth2/v2/auth");
    const moved = await db.importedAuthorization.findFirstOrThrow({ where: { username: { startsWith: "before-switch" } } });
    expect(moved).toMatchObject({ provider: "google-health", redirectUri: "http://localhost:3999/api/auth/callback/google-health" });
    expect(moved.startedAt).not.toBeNull();
    const { openRequest } = await import("./authorization-request");
    const request = openRequest(moved.requestEnc, moved.username)!;
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "100200300400-nightlydemo.apps.googleusercontent.com",
      redirect_uri: "http://localhost:3999/api/auth/callback/google-health",
      response_type: "code",
      scope: GOOGLE_AUTH_SCOPES.join(" "),
      state: request.state,
      code_challenge: createHash("sha256").update(request.codeVerifier).digest("base64url"),
      code_challenge_method: "S256",
      access_type: "offline",
    });
    // NextAuth's own cookies carry the same state and verifier, so its callback checks them.
    const cookie = (name: string) => started.cookies.find((entry) => entry.name === name)!;
    const secret = process.env.NEXTAUTH_SECRET!;
    expect(await decode({ token: cookie("next-auth.state").value, secret, salt: "next-auth.state" })).toMatchObject({ value: request.state, provider: "google-health" });
    expect(await decode({ token: cookie("next-auth.pkce.code_verifier").value, secret, salt: "next-auth.pkce.code_verifier" })).toMatchObject({ value: request.codeVerifier });
    expect(cookie("next-auth.state").options).toMatchObject({ httpOnly: true, sameSite: "lax", maxAge: 900 });
    expect(started.authorizationUrl).not.toContain(request.codeVerifier);
    await setLegacyApiRetired(admin, false);
  });

  it("completing a re-authorization records the participant and enrols them in the study, once", async () => {
    const { completeReauthorization } = await import("./complete-reauthorization");
    const study = await db.study.create({ data: { name: "Sleep again", metrics: ["sleep"], startDate: new Date("2026-01-01"), createdById: admin.id } });
    const report = await importer.importShimmerFile(generated(1, "enrol"), { studyId: study.id });
    const record = await db.importedAuthorization.findFirstOrThrow({ where: { username: report.imported[0]!.username } });
    const person = await db.user.create({ data: { name: "Returning" } });
    expect(await completeReauthorization(record.id, person.id)).toBe("reauthorized");
    expect(await completeReauthorization(record.id, admin.id)).toBe("already_done");
    const done = await db.importedAuthorization.findUniqueOrThrow({ where: { id: record.id } });
    expect(done).toMatchObject({ userId: person.id, requestEnc: null });
    expect(done.reauthorizedAt).not.toBeNull();
    expect(await db.studyParticipant.findMany({ where: { studyId: study.id }, select: { userId: true, leftAt: true } })).toEqual([{ userId: person.id, leftAt: null }]);
    expect(await db.auditLog.count({ where: { action: "reauthorization.complete", subjectUserId: person.id } })).toBe(1);
    await expect(importer.importShimmerFile(generated(1, "nostudy"), { studyId: "nosuchstudyid000000000" })).rejects.toMatchObject({ status: 400 });
  });
});
