/**
 * A large synthetic cohort written straight into PostgreSQL with set-based SQL (generate_series,
 * a seeded random()), so 500 people × 120 nights take seconds: enrolled participants with a
 * Fitbit connection, a device, a sync state, main sleeps with stages, HRV, breathing rate,
 * daily nutrition and dinners whose calories lean against deep sleep (the scatter has a trend).
 * Used by `npm run seed:cohort` and `npm run bench`; the rows look like synced data to every query.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface SyntheticCohortOptions {
  participants: number;
  /** Nights of history up to `endDate`. */
  days: number;
  /** Last night (yyyy-MM-dd); default today (UTC). */
  endDate?: string;
  /** Researcher user ids to put on the study team (the first one is its creator). */
  memberIds: string[];
  name?: string;
  /** Deterministic data for benchmarks: same seed, same numbers. */
  seed?: number;
}

export async function seedSyntheticCohort(databaseUrl: string, options: SyntheticCohortOptions): Promise<{ studyId: string; participants: number; nights: number }> {
  if (options.memberIds.length === 0) throw new Error("a study needs at least one researcher");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const tag = randomBytes(4).toString("hex");
  const end = options.endDate ?? new Date().toISOString().slice(0, 10);
  const n = options.participants;
  const days = options.days;
  try {
    await client.query("BEGIN");
    await client.query("SELECT setseed($1)", [((options.seed ?? 42) % 1000) / 1000]);
    const studyId = `syn${tag}${randomBytes(8).toString("hex")}`.slice(0, 25);
    await client.query(
      `INSERT INTO "Study" (id, name, description, metrics, "startDate", "endDate", "showNames", "createdById", "updatedAt")
       VALUES ($1, $2, 'Synthetic cohort (npm run seed:cohort)', ARRAY['sleep','hrv','breathing','nutrition'], $3::date - ($4::int - 1), NULL, false, $5, now())`,
      [studyId, options.name ?? `Synthetic cohort of ${n}`, end, days, options.memberIds[0]],
    );
    await client.query(`INSERT INTO "StudyMember" ("studyId", "userId") SELECT $1, unnest($2::text[])`, [studyId, options.memberIds]);
    // People: user, connection (mostly active), device, sync state (some stale), enrolment.
    await client.query(
      `CREATE TEMP TABLE syn_people ON COMMIT DROP AS
       SELECT i, 'syn' || $1 || 'p' || lpad(i::text, 8, '0') AS id, random() AS r1, random() AS r2, random() AS r3,
              300 + floor(random() * 200)::int AS base_sleep, 30 + floor(random() * 40)::int AS base_hrv
       FROM generate_series(1, $2::int) AS i`,
      [tag, n],
    );
    await client.query(`INSERT INTO "User" (id, name, role, timezone, "updatedAt") SELECT id, 'Synthetic ' || i, 'PARTICIPANT', 'Europe/London', now() FROM syn_people`);
    await client.query(
      `INSERT INTO "ProviderConnection" (id, "userId", provider, "providerUserId", status, "grantedScopes", "updatedAt")
       SELECT 'c' || id, id, 'fitbit', 'SYN' || $1 || i, (CASE WHEN r1 < 0.9 THEN 'ACTIVE' WHEN r1 < 0.95 THEN 'NEEDS_RECONSENT' ELSE 'REVOKED' END)::"ConnectionStatus",
              ARRAY['sleep','heartrate','respiratory_rate','nutrition'], now()
       FROM syn_people`,
      [tag],
    );
    await client.query(
      `INSERT INTO "Device" (id, "userId", provider, "providerDeviceId", "deviceVersion", type, battery, "batteryLevel", "lastSyncLocal", "lastSyncAt", "updatedAt")
       SELECT 'd' || id, id, 'fitbit', 'D' || i, 'Charge 6', 'TRACKER', (ARRAY['High','Medium','Low','Empty'])[1 + floor(r2 * 4)::int], floor(r2 * 100)::int,
              to_char(now() - r3 * interval '6 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), now() - r3 * interval '6 days', now()
       FROM syn_people`,
    );
    await client.query(
      `INSERT INTO "SyncState" ("userId", provider, status, "lastSyncStartedAt", "lastSyncCompletedAt", "updatedAt")
       SELECT id, 'fitbit', 'IDLE', now() - r3 * interval '6 days', now() - r3 * interval '6 days', now() FROM syn_people`,
    );
    await client.query(
      `INSERT INTO "StudyParticipant" (id, "studyId", "userId", "studyCode", "enrolledAt")
       SELECT 'e' || id, $1, id, 'P-S' || lpad(i::text, 5, '0'), now() - interval '1 day' * $2::int FROM syn_people`,
      [studyId, days],
    );
    // Nights: about 9 in 10 have a main sleep; the evening before, a dinner.
    await client.query(
      `CREATE TEMP TABLE syn_nights ON COMMIT DROP AS
       SELECT p.id AS user_id, p.i, d::date AS date, p.base_sleep, p.base_hrv,
              400 + floor(random() * 700)::int AS dinner, random() AS r
       FROM syn_people p CROSS JOIN generate_series($1::date - ($2::int - 1), $1::date, interval '1 day') AS d
       WHERE random() < 0.9`,
      [end, days],
    );
    await client.query(`ALTER TABLE syn_nights ADD COLUMN asleep int, ADD COLUMN deep int`);
    await client.query(`UPDATE syn_nights SET asleep = base_sleep + floor(r * 90)::int - 45, deep = greatest(20, 110 - dinner / 20 + floor(random() * 30)::int - 15)`);
    await client.query(
      `INSERT INTO "SleepLog" (id, "userId", provider, "providerLogId", "dateOfSleep", "startLocal", "endLocal", "startAt", "endAt", "startUtcOffsetMin", "endUtcOffsetMin",
         "durationMs", "isMainSleep", type, "logType", "infoCode", efficiency, "minutesAsleep", "minutesAwake", "minutesToFallAsleep", "minutesAfterWakeup", "timeInBed",
         "deepMinutes", "lightMinutes", "remMinutes", "wakeMinutes", levels, "updatedAt")
       SELECT 's' || user_id || to_char(date, 'YYYYMMDD'), user_id, 'fitbit', 'S' || i || to_char(date, 'YYYYMMDD'), date,
              to_char(date - 1 + time '23:00', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), to_char(date + time '07:00' + (asleep - 420) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS'),
              (date - 1 + time '23:00') AT TIME ZONE 'UTC', (date + time '07:00' + (asleep - 420) * interval '1 minute') AT TIME ZONE 'UTC', 0, 0,
              (asleep + 60) * 60000, true, 'STAGES', 'auto_detected', 0, round(asleep * 100.0 / (asleep + 60))::int, asleep, 60, 5, 2, asleep + 60,
              deep, greatest(0, asleep - deep - 80 - (i + extract(doy FROM date)::int) % 40), 80 + (i + extract(doy FROM date)::int) % 40, 40 + (i * 7 + extract(doy FROM date)::int) % 30, '{}'::jsonb, now()
       FROM syn_nights`,
    );
    await client.query(
      `INSERT INTO "HrvDaily" ("userId", provider, date, "dailyRmssd", "deepRmssd", "updatedAt")
       SELECT user_id, 'fitbit', date, round((base_hrv + r * 10 - 5)::numeric, 1), round((base_hrv + 5 + r * 10)::numeric, 1), now() FROM syn_nights WHERE r < 0.95`,
    );
    await client.query(
      `INSERT INTO "BreathingRateDaily" ("userId", provider, date, "fullSleep", "deepSleep", "lightSleep", "remSleep", "updatedAt")
       SELECT user_id, 'fitbit', date, round((13 + r * 4)::numeric, 1), round((12 + r * 4)::numeric, 1), round((13 + r * 4)::numeric, 1), round((14 + r * 4)::numeric, 1), now()
       FROM syn_nights WHERE r < 0.93`,
    );
    await client.query(
      `INSERT INTO "NutritionDaily" ("userId", provider, date, "caloriesIn", "waterMl", "carbsG", "fatG", "fiberG", "proteinG", "sodiumMg", "calorieGoal", "foodLogFetched", "updatedAt")
       SELECT user_id, 'fitbit', date - 1, 1400 + dinner, 1500, 200, 60, 25, 80, 2000, 2200, true, now() FROM syn_nights`,
    );
    await client.query(
      `INSERT INTO "FoodLogEntry" (id, "userId", provider, "providerLogId", date, "mealTypeId", name, brand, amount, "unitName", calories, "updatedAt")
       SELECT 'f' || user_id || to_char(date, 'YYYYMMDD'), user_id, 'fitbit', 'F' || i || to_char(date, 'YYYYMMDD'), date - 1, 5, 'Dinner', '', 1, 'serving', dinner, now() FROM syn_nights`,
    );
    const nights = await client.query<{ count: string }>("SELECT count(*) FROM syn_nights");
    await client.query("COMMIT");
    await client.query("ANALYZE");
    return { studyId, participants: n, nights: Number(nights.rows[0]!.count) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
