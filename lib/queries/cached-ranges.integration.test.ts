/**
 * The metric range caches (lib/queries/cached-ranges.ts) against a real PostgreSQL: the overview,
 * the metric page and its API route share one entry per date range, and a sync commit makes the
 * next read see the new day.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let authz: typeof import("../authz/authorize");
let writers: typeof import("../sync/writers");
let ranges: typeof import("./cached-ranges");

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  setServerEnv({ databaseUrl, emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  authz = await import("../authz/authorize");
  writers = await import("../sync/writers");
  ranges = await import("./cached-ranges");
});

const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function commitHrv(userId: string, date: string, dailyRmssd: number) {
  await db.$transaction((tx) => writers.writeHrvDaily(tx, userId, "fitbit", { start: date, end: date }, [{ date: day(date), dailyRmssd, deepRmssd: null }]));
}

describe("cached metric ranges", () => {
  it("a preset and the same dates typed in share one entry, until the next sync commit", async () => {
    const user = await db.user.create({ data: { name: "Cached ranges", timezone: "Europe/London" } });
    const subject = authz.authorizeSelf({ id: user.id, role: "PARTICIPANT", via: "session" });
    await commitHrv(user.id, "2026-03-02", 41.5);

    const preset: import("../api-schemas/range").DateRange = { from: "2026-03-01", to: "2026-03-07", preset: "7d" };
    const fromPreset = await ranges.cachedHrvRange(subject, preset);
    const typedIn = await ranges.cachedHrvRange(subject, { from: "2026-03-01", to: "2026-03-07" });
    expect(typedIn).toBe(fromPreset);
    expect(fromPreset.bucket).toBe("day");
    const values = (result: typeof fromPreset) => (result.bucket === "day" ? result.days.flatMap((d) => (d.dailyRmssd === null ? [] : [`${d.date} ${d.dailyRmssd}`])) : []);
    expect(values(fromPreset)).toEqual(["2026-03-02 41.5"]);

    await commitHrv(user.id, "2026-03-03", 38);
    const afterSync = await ranges.cachedHrvRange(subject, { from: "2026-03-01", to: "2026-03-07" });
    expect(afterSync).not.toBe(fromPreset);
    expect(values(afterSync)).toEqual(["2026-03-02 41.5", "2026-03-03 38"]);
  });

  it("never serves one person's range to another", async () => {
    const [ada, bo] = await Promise.all([
      db.user.create({ data: { name: "Ada", timezone: "Europe/London" } }),
      db.user.create({ data: { name: "Bo", timezone: "Europe/London" } }),
    ]);
    await commitHrv(ada.id, "2026-04-02", 50);
    const range = { from: "2026-04-01", to: "2026-04-07" };
    const adas = await ranges.cachedHrvRange(authz.authorizeSelf({ id: ada.id, role: "PARTICIPANT", via: "session" }), range);
    const bos = await ranges.cachedHrvRange(authz.authorizeSelf({ id: bo.id, role: "PARTICIPANT", via: "session" }), range);
    expect(adas.dayCount).toBe(1);
    expect(bos.dayCount).toBe(0);
  });
});
