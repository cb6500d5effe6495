/**
 * The same synthetic person behind both APIs: for demo people, every night, stage, brief wake,
 * HRV reading, breathing rate, meal and glass of water read through the Fitbit API equals what
 * the Google Health API gives, value by value, within each API's precision. Also pins the
 * documented differences (Google's stage summary counts only `stages`; brief wakes are
 * `shortAwakenings` overlays; `mainSleep` prefers a session with stages).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CLIENT } from "../server";
import { obtainTokens } from "../testing";
import { DEFAULT_GOOGLE_CLIENT } from "./clients";
import { GOOGLE_PEOPLE } from "./people";
import { googleEmulatorPerTest } from "./test-fixtures";
import { googleGet, obtainGoogleTokens } from "./testing";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const emu = googleEmulatorPerTest();
const url = () => emu.current.url;

/** Local wall clock `yyyy-MM-ddTHH:mm:ss` of a Google instant + Duration offset. */
const local = (time: string, offset: string) =>
  new Date(Date.parse(time) + Number(offset.replace("s", "")) * 1000).toISOString().slice(0, 19);
const secondsBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 1000;

async function both(encodedId: string) {
  const g = GOOGLE_PEOPLE.find((p) => p.person.encodedId === encodedId)!;
  const fitbit = await obtainTokens(url(), DEFAULT_CLIENT, {
    personId: encodedId,
    scopes: ["sleep", "heartrate", "respiratory_rate", "nutrition"],
  });
  const google = await obtainGoogleTokens(url(), DEFAULT_GOOGLE_CLIENT, {
    personId: g.healthUserId,
  });
  const fget = async (path: string) => {
    const res = await fetch(`${url()}${path}`, {
      headers: { authorization: `Bearer ${fitbit.access_token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };
  const gall = async (type: string, filter: string) => {
    const out: Json[] = [];
    let pageToken = "";
    do {
      const r = await googleGet(
        url(),
        google.access_token,
        `/v4/users/me/dataTypes/${type}/dataPoints`,
        {
          filter,
          ...(pageToken ? { pageToken } : {}),
        },
      );
      expect(r.status).toBe(200);
      out.push(...((r.body.dataPoints as Json[] | undefined) ?? []));
      pageToken = (r.body.nextPageToken as string | undefined) ?? "";
    } while (pageToken);
    return out;
  };
  const rollup = async (
    type: string,
    start: [number, number, number],
    end: [number, number, number],
  ) => {
    const res = await fetch(`${url()}/v4/users/me/dataTypes/${type}/dataPoints:dailyRollUp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${google.access_token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        range: {
          start: { date: { year: start[0], month: start[1], day: start[2] } },
          end: { date: { year: end[0], month: end[1], day: end[2] } },
        },
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as Json).rollupDataPoints as Json[];
  };
  return { fget, gall, rollup };
}

const STAGE: Record<string, string> = {
  deep: "DEEP",
  light: "LIGHT",
  rem: "REM",
  wake: "AWAKE",
  asleep: "ASLEEP",
  restless: "RESTLESS",
  awake: "AWAKE",
};

/** Fitbit's per-level minutes re-derived from Google's night: brief wakes move from their host
 * stage to wake (in 30-s units). */
function fitbitUnitsFromGoogle(sleep: Json): Record<string, number> {
  const units = new Map<string, number>([
    ["DEEP", 0],
    ["LIGHT", 0],
    ["REM", 0],
    ["AWAKE", 0],
  ]);
  const add = (type: string, u: number) => units.set(type, (units.get(type) ?? 0) + u);
  for (const s of sleep.stages as Json[]) add(s.type, secondsBetween(s.startTime, s.endTime) / 30);
  for (const w of (sleep.shortAwakenings ?? []) as Json[]) {
    const u = secondsBetween(w.startTime, w.endTime) / 30;
    add(w.type, -u);
    add("AWAKE", u);
  }
  return Object.fromEntries(units);
}

describe.each(["7QSTDY", "8SHFTW", "6DSTNY", "9SPRSE"])(
  "person %s: Fitbit and Google agree",
  (id) => {
    it("sleep: same sessions, stage timelines, brief wakes, summaries, main-sleep rule", async () => {
      const { fget, gall } = await both(id);
      const fitbit = (await fget("/1.2/user/-/sleep/date/2026-08-24/2026-11-30.json"))
        .sleep as Json[];
      const google = (
        await gall(
          "sleep",
          'sleep.interval.civil_end_time >= "2026-08-24" AND sleep.interval.civil_end_time < "2026-12-01"',
        )
      ).map((p) => p.sleep as Json);
      expect(google.length).toBe(fitbit.length);
      expect(fitbit.length).toBeGreaterThan(60);
      const byStart = new Map(
        google.map((s) => [local(s.interval.startTime, s.interval.startUtcOffset), s]),
      );
      const perDate = new Map<string, Json[]>();
      for (const f of fitbit)
        perDate.set(f.dateOfSleep, [...(perDate.get(f.dateOfSleep) ?? []), f]);
      for (const f of fitbit) {
        const s = byStart.get(f.startTime.slice(0, 19))!;
        expect(s, f.startTime).toBeDefined();
        expect(local(s.interval.endTime, s.interval.endUtcOffset)).toBe(f.endTime.slice(0, 19));
        expect(local(s.interval.endTime, s.interval.endUtcOffset).slice(0, 10)).toBe(f.dateOfSleep);
        expect(secondsBetween(s.interval.startTime, s.interval.endTime) * 1000).toBe(f.duration);
        expect(s.type).toBe(f.type === "stages" ? "STAGES" : "CLASSIC");
        // The stage timeline, segment by segment, in real time and on the local clock.
        expect(
          (s.stages as Json[]).map((st) => [
            local(st.startTime, st.startUtcOffset),
            STAGE[st.type] ?? st.type,
            secondsBetween(st.startTime, st.endTime),
          ]),
        ).toEqual(
          (f.levels.data as Json[]).map((e) => [
            e.dateTime.slice(0, 19),
            STAGE[e.level],
            e.seconds,
          ]),
        );
        expect(
          ((s.shortAwakenings ?? []) as Json[]).map((w) => [
            local(w.startTime, w.startUtcOffset),
            secondsBetween(w.startTime, w.endTime),
          ]),
        ).toEqual(
          ((f.levels.shortData ?? []) as Json[]).map((e) => [e.dateTime.slice(0, 19), e.seconds]),
        );
        expect(Number(s.summary.minutesInSleepPeriod)).toBe(Math.floor(f.timeInBed));
        if (f.type === "stages") {
          const units = fitbitUnitsFromGoogle(s);
          for (const [level, type] of [
            ["deep", "DEEP"],
            ["light", "LIGHT"],
            ["rem", "REM"],
            ["wake", "AWAKE"],
          ] as const) {
            expect(
              Math.abs(f.levels.summary[level].minutes - units[type]! / 2),
            ).toBeLessThanOrEqual(0.5);
          }
          // Google's own summary counts stages only (live capture): AWAKE excludes brief wakes.
          const awake = (s.stages as Json[])
            .filter((st) => st.type === "AWAKE")
            .reduce((a, st) => a + secondsBetween(st.startTime, st.endTime), 0);
          expect(Math.abs(Number(s.summary.minutesAwake) - awake / 60)).toBeLessThanOrEqual(0.5);
          expect(Number(s.summary.minutesAsleep) + Number(s.summary.minutesAwake)).toBe(
            Number(s.summary.minutesInSleepPeriod),
          );
        }
        const sameDay = perDate.get(f.dateOfSleep)!;
        const withStages = sameDay.filter((x) => x.type === "stages");
        const pool = withStages.length > 0 ? withStages : sameDay;
        const expectedMain = pool.reduce((a, b) => (b.duration > a.duration ? b : a));
        expect(s.metadata.mainSleep === true).toBe(f === expectedMain);
      }
    });

    it("HRV and breathing rate: nightly values and every intraday reading", async () => {
      const { fget, gall } = await both(id);
      const hrv = (await fget("/1/user/-/hrv/date/2026-11-01/2026-11-30.json")).hrv as Json[];
      const gHrv = await gall(
        "daily-heart-rate-variability",
        'daily_heart_rate_variability.date >= "2026-11-01" AND daily_heart_rate_variability.date < "2026-12-01"',
      );
      const iso = (d: Json) =>
        `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
      expect(
        gHrv
          .map((p) => [
            iso(p.dailyHeartRateVariability.date),
            p.dailyHeartRateVariability.averageHeartRateVariabilityMilliseconds,
            p.dailyHeartRateVariability.deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds,
          ])
          .reverse(),
      ).toEqual(hrv.map((h) => [h.dateTime, h.value.dailyRmssd, h.value.deepRmssd]));
      const br = (await fget("/1/user/-/br/date/2026-11-01/2026-11-30.json")).br as Json[];
      const gBr = await gall(
        "daily-respiratory-rate",
        'daily_respiratory_rate.date >= "2026-11-01" AND daily_respiratory_rate.date < "2026-12-01"',
      );
      expect(
        gBr
          .map((p) => [iso(p.dailyRespiratoryRate.date), p.dailyRespiratoryRate.breathsPerMinute])
          .reverse(),
      ).toEqual(br.map((b) => [b.dateTime, b.value.breathingRate]));
      const day = hrv.at(-1)!.dateTime as string;
      const intraday = ((await fget(`/1/user/-/hrv/date/${day}/all.json`)).hrv as Json[])[0]!
        .minutes as Json[];
      const prev = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
      const samples = await gall(
        "heart-rate-variability",
        `heart_rate_variability.sample_time.civil_time >= "${prev}T12:00:00" AND heart_rate_variability.sample_time.civil_time < "${day}T12:00:00"`,
      );
      expect(
        samples
          .map((p) => {
            const h = p.heartRateVariability;
            return [
              local(h.sampleTime.physicalTime, h.sampleTime.utcOffset),
              h.rootMeanSquareOfSuccessiveDifferencesMilliseconds,
              h.metadata.highFrequencyPower,
              h.metadata.lowFrequencyPower,
            ];
          })
          .reverse(),
      ).toEqual(
        intraday.map((m) => [m.minute.slice(0, 19), m.value.rmssd, m.value.hf, m.value.lf]),
      );
      const brDay = br.at(-1)!.dateTime as string;
      const stages = ((await fget(`/1/user/-/br/date/${brDay}/all.json`)).br as Json[])[0]!
        .value as Json;
      const after = new Date(Date.parse(brDay) + 86_400_000).toISOString().slice(0, 10);
      const [summary] = await gall(
        "respiratory-rate-sleep-summary",
        `respiratory_rate_sleep_summary.sample_time.civil_time >= "${brDay}" AND respiratory_rate_sleep_summary.sample_time.civil_time < "${after}"`,
      );
      const r = summary!.respiratoryRateSleepSummary;
      const rate = (x: Json | undefined) => (x === undefined ? -1 : x.breathsPerMinute);
      expect([
        rate(r.fullSleepStats),
        rate(r.deepSleepStats),
        rate(r.lightSleepStats),
        rate(r.remSleepStats),
      ]).toEqual([
        stages.fullSleepSummary.breathingRate,
        stages.deepSleepSummary.breathingRate,
        stages.lightSleepSummary.breathingRate,
        stages.remSleepSummary.breathingRate,
      ]);
    });

    it("meals and water: every log and the day totals (dailyRollUp)", async () => {
      const { fget, gall, rollup } = await both(id);
      const days = [
        "2026-11-24",
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
        "2026-11-28",
        "2026-11-29",
        "2026-11-30",
      ];
      const rolled = await rollup("nutrition-log", [2026, 11, 24], [2026, 12, 1]);
      const water = await rollup("hydration-log", [2026, 11, 24], [2026, 12, 1]);
      const iso = (d: Json) =>
        `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
      for (const day of days) {
        const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
        const f = await fget(`/1/user/-/foods/log/date/${day}.json`);
        const g = (
          await gall(
            "nutrition-log",
            `nutrition_log.interval.civil_start_time >= "${day}" AND nutrition_log.interval.civil_start_time < "${next}"`,
          )
        ).map((p) => p.nutritionLog as Json);
        const nutrient = (n: Json, name: string) =>
          (n.nutrients as Json[]).find((x) => x.nutrient === name)!.quantity.grams;
        const gRows = g.map((n) => [
          n.foodDisplayName,
          n.energy.kcal,
          n.totalCarbohydrate.grams,
          n.totalFat.grams,
          nutrient(n, "PROTEIN"),
          nutrient(n, "DIETARY_FIBER"),
          Math.round(nutrient(n, "SODIUM") * 1000),
        ]);
        const fRows = (f.foods as Json[]).map((x) => [
          x.loggedFood.name,
          x.nutritionalValues.calories,
          x.nutritionalValues.carbs,
          x.nutritionalValues.fat,
          x.nutritionalValues.protein,
          x.nutritionalValues.fiber,
          x.nutritionalValues.sodium,
        ]);
        expect([...gRows].sort()).toEqual([...fRows].sort());
        const dayRollup = rolled.find((r) => iso(r.civilStartTime.date) === day);
        if (f.foods.length === 0) expect(dayRollup).toBeUndefined();
        else {
          expect(dayRollup!.nutritionLog.energy.kcalSum).toBe(f.summary.calories);
          expect(
            Math.abs(dayRollup!.nutritionLog.totalCarbohydrate.gramsSum - f.summary.carbs),
          ).toBeLessThan(0.01);
        }
        const fw = await fget(`/1/user/-/foods/log/water/date/${day}.json`);
        const gw = await gall(
          "hydration-log",
          `hydration_log.interval.civil_start_time >= "${day}" AND hydration_log.interval.civil_start_time < "${next}"`,
        );
        expect(gw.map((p) => p.hydrationLog.amountConsumed.milliliters).sort()).toEqual(
          (fw.water as Json[]).map((w) => w.amount).sort(),
        );
        const waterDay = water.find((r) => iso(r.civilStartTime.date) === day);
        expect(waterDay?.hydrationLog.amountConsumed.millilitersSum ?? 0).toBe(fw.summary.water);
      }
    });
  },
);
