-- CreateTable
CREATE TABLE "StudyParticipantNight" (
    "studyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "minutesAsleep" INTEGER,
    "deepMinutes" INTEGER,
    "lightMinutes" INTEGER,
    "remMinutes" INTEGER,
    "wakeMinutes" INTEGER,
    "hrv" DOUBLE PRECISION,
    "breathing" DOUBLE PRECISION,
    "foodDay" BOOLEAN NOT NULL DEFAULT false,
    "eveningCalories" DOUBLE PRECISION,
    "shuffle" TEXT NOT NULL,

    CONSTRAINT "StudyParticipantNight_pkey" PRIMARY KEY ("studyId","date","userId")
);

-- CreateTable
CREATE TABLE "StudyNightAggregate" (
    "studyId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "sleepN" INTEGER NOT NULL,
    "totalSleep" DOUBLE PRECISION[],
    "deep" DOUBLE PRECISION[],
    "light" DOUBLE PRECISION[],
    "rem" DOUBLE PRECISION[],
    "wake" DOUBLE PRECISION[],
    "hrvN" INTEGER NOT NULL,
    "hrv" DOUBLE PRECISION[],
    "breathingN" INTEGER NOT NULL,
    "breathing" DOUBLE PRECISION[],
    "pairN" INTEGER NOT NULL,
    "sumX" DOUBLE PRECISION NOT NULL,
    "sumY" DOUBLE PRECISION NOT NULL,
    "sumXY" DOUBLE PRECISION NOT NULL,
    "sumXX" DOUBLE PRECISION NOT NULL,
    "sumYY" DOUBLE PRECISION NOT NULL,
    "minX" DOUBLE PRECISION,
    "maxX" DOUBLE PRECISION,

    CONSTRAINT "StudyNightAggregate_pkey" PRIMARY KEY ("studyId","date")
);

-- CreateTable
CREATE TABLE "StudyParticipantCoverage" (
    "studyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sleepNights" INTEGER NOT NULL DEFAULT 0,
    "hrvNights" INTEGER NOT NULL DEFAULT 0,
    "breathingNights" INTEGER NOT NULL DEFAULT 0,
    "foodDays" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StudyParticipantCoverage_pkey" PRIMARY KEY ("studyId","userId")
);

-- CreateTable
CREATE TABLE "CohortPendingNight" (
    "txid" BIGINT NOT NULL,
    "userId" TEXT NOT NULL,
    "date" DATE NOT NULL,

    CONSTRAINT "CohortPendingNight_pkey" PRIMARY KEY ("txid","userId","date")
);

-- CreateTable
CREATE TABLE "CohortPendingStudy" (
    "txid" BIGINT NOT NULL,
    "studyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "date" DATE NOT NULL,

    CONSTRAINT "CohortPendingStudy_pkey" PRIMARY KEY ("txid","studyId","userId","date")
);

-- CreateTable
CREATE TABLE "CohortPendingFlush" (
    "txid" BIGINT NOT NULL,

    CONSTRAINT "CohortPendingFlush_pkey" PRIMARY KEY ("txid")
);

-- CreateIndex
CREATE INDEX "StudyParticipantNight_studyId_userId_date_idx" ON "StudyParticipantNight"("studyId", "userId", "date");

-- AddForeignKey
ALTER TABLE "StudyParticipantNight" ADD CONSTRAINT "StudyParticipantNight_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyParticipantNight" ADD CONSTRAINT "StudyParticipantNight_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyNightAggregate" ADD CONSTRAINT "StudyNightAggregate_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyParticipantCoverage" ADD CONSTRAINT "StudyParticipantCoverage_studyId_userId_fkey" FOREIGN KEY ("studyId", "userId") REFERENCES "StudyParticipant"("studyId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;


-- ============================================================================================
-- Cohort aggregates, maintained by triggers (docs/decisions/0015-cohort-aggregates.md).
-- Any write to the health tables, an enrolment or a study's window marks what it touched; one
-- deferred trigger per transaction resolves the marks at COMMIT, so every writer (sync chunks,
-- webhooks, admin deletes, cascades from "Delete my data", fixtures, seeds) keeps the cohort
-- tables right in its own transaction, and a chunk's hundred rows cost one pass, not a hundred.

-- The scatter's stable sample: one study's pairs in md5 order, read with LIMIT.
CREATE INDEX "StudyParticipantNight_pairs_by_shuffle" ON "StudyParticipantNight" ("studyId", "shuffle")
  WHERE "deepMinutes" IS NOT NULL AND "eveningCalories" IS NOT NULL;

-- lib/providers/precedence.ts in SQL (a test holds the two equal): lower wins.
CREATE FUNCTION cohort_provider_rank(provider text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE provider WHEN 'google-health' THEN 0 WHEN 'fitbit' THEN 1 ELSE 2 END
$$;

-- Per (person, night): the values the cohort views use, resolved exactly as the charts did from
-- the raw rows: one provider per person and date, the main sleep (longest) first, stage minutes
-- of stages nights only, breathing rate only where the provider had a value, the food day for
-- coverage, and dinner + evening snack (meal types 5, 6) of the day before. Every key is returned,
-- with nulls where there is nothing.
CREATE FUNCTION cohort_resolve_nights(p_users text[], p_dates date[])
RETURNS TABLE (user_id text, night date, minutes_asleep int, deep int, light int, rem int, wake int,
               hrv float8, breathing float8, food_day boolean, evening_calories float8)
LANGUAGE sql STABLE AS $$
  WITH keys AS (
    SELECT DISTINCT k.u AS user_id, k.d AS night FROM unnest(p_users, p_dates) AS k(u, d)
  ), sleep AS (
    SELECT DISTINCT ON (k.user_id, k.night) k.user_id, k.night, l."minutesAsleep" AS minutes_asleep,
      CASE WHEN l.type = 'STAGES' THEN l."deepMinutes" END AS deep, CASE WHEN l.type = 'STAGES' THEN l."lightMinutes" END AS light,
      CASE WHEN l.type = 'STAGES' THEN l."remMinutes" END AS rem, CASE WHEN l.type = 'STAGES' THEN l."wakeMinutes" END AS wake
    FROM keys k JOIN "SleepLog" l ON l."userId" = k.user_id AND l."dateOfSleep" = k.night
    ORDER BY k.user_id, k.night, cohort_provider_rank(l.provider), l."isMainSleep" DESC, l."durationMs" DESC
  ), hrv AS (
    SELECT DISTINCT ON (k.user_id, k.night) k.user_id, k.night, h."dailyRmssd" AS hrv
    FROM keys k JOIN "HrvDaily" h ON h."userId" = k.user_id AND h.date = k.night
    ORDER BY k.user_id, k.night, cohort_provider_rank(h.provider)
  ), br AS (
    SELECT DISTINCT ON (k.user_id, k.night) k.user_id, k.night, b."fullSleep" AS breathing
    FROM keys k JOIN "BreathingRateDaily" b ON b."userId" = k.user_id AND b.date = k.night AND b."fullSleep" IS NOT NULL
    ORDER BY k.user_id, k.night, cohort_provider_rank(b.provider)
  ), food AS (
    SELECT DISTINCT k.user_id, k.night
    FROM keys k JOIN "NutritionDaily" n ON n."userId" = k.user_id AND n.date = k.night AND (n."caloriesIn" > 0 OR n."foodLogFetched")
  ), evening AS (
    SELECT DISTINCT ON (e.user_id, e.night) e.user_id, e.night, e.calories FROM (
      SELECT k.user_id, k.night, f.provider, sum(f.calories) AS calories
      FROM keys k JOIN "FoodLogEntry" f ON f."userId" = k.user_id AND f.date = k.night - 1 AND f."mealTypeId" IN (5, 6)
      GROUP BY k.user_id, k.night, f.provider
    ) e
    ORDER BY e.user_id, e.night, cohort_provider_rank(e.provider)
  )
  SELECT k.user_id, k.night, s.minutes_asleep, s.deep, s.light, s.rem, s.wake, h.hrv, b.breathing,
         f.user_id IS NOT NULL, e.calories::float8
  FROM keys k
  LEFT JOIN sleep s ON s.user_id = k.user_id AND s.night = k.night
  LEFT JOIN hrv h ON h.user_id = k.user_id AND h.night = k.night
  LEFT JOIN br b ON b.user_id = k.user_id AND b.night = k.night
  LEFT JOIN food f ON f.user_id = k.user_id AND f.night = k.night
  LEFT JOIN evening e ON e.user_id = k.user_id AND e.night = k.night
$$;

-- Every night a person has any data for (the keys cohort_resolve_nights needs on enrolment).
CREATE FUNCTION cohort_user_nights(p_user text) RETURNS date[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT d), '{}') FROM (
    SELECT "dateOfSleep" AS d FROM "SleepLog" WHERE "userId" = p_user
    UNION SELECT date FROM "HrvDaily" WHERE "userId" = p_user
    UNION SELECT date FROM "BreathingRateDaily" WHERE "userId" = p_user
    UNION SELECT date FROM "NutritionDaily" WHERE "userId" = p_user
    UNION SELECT date + 1 FROM "FoodLogEntry" WHERE "userId" = p_user AND "mealTypeId" IN (5, 6)
  ) nights
$$;

-- Serializes cohort work on one person across transactions (two providers' syncs of the same
-- person must not each resolve a night without the other's rows).
CREATE FUNCTION cohort_lock_person(p_user text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtextextended('cohort-person:' || p_user, 0))
$$;

CREATE FUNCTION cohort_queue_flush() RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CohortPendingFlush" (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING
$$;

-- Statement trigger of a health table: marks the (person, night) keys of the changed rows.
-- TG_ARGV[0]: the night of a row (SQL over its columns); TG_ARGV[1]: which rows matter.
CREATE FUNCTION cohort_mark_nights() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  marked bigint := 0;
  n bigint;
  night text := TG_ARGV[0];
  relevant text := coalesce(TG_ARGV[1], 'true');
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('INSERT INTO "CohortPendingNight" (txid, "userId", date) SELECT DISTINCT txid_current(), "userId", %s FROM new_rows WHERE %s ON CONFLICT DO NOTHING', night, relevant);
    GET DIAGNOSTICS n = ROW_COUNT; marked := marked + n;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE format('INSERT INTO "CohortPendingNight" (txid, "userId", date) SELECT DISTINCT txid_current(), "userId", %s FROM old_rows WHERE %s ON CONFLICT DO NOTHING', night, relevant);
    GET DIAGNOSTICS n = ROW_COUNT; marked := marked + n;
  END IF;
  IF marked > 0 THEN PERFORM cohort_queue_flush(); END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t record;
  op text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('SleepLog', '"dateOfSleep"', NULL),
    ('HrvDaily', 'date', NULL),
    ('BreathingRateDaily', 'date', NULL),
    ('NutritionDaily', 'date', NULL),
    ('FoodLogEntry', 'date + 1', '"mealTypeId" IN (5, 6)')
  ) AS v(tbl, night, relevant) LOOP
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION cohort_mark_nights(%L%s)',
        t.tbl || '_cohort_' || lower(op), op, t.tbl,
        CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows' ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
        t.night, CASE WHEN t.relevant IS NULL THEN '' ELSE format(', %L', t.relevant) END);
    END LOOP;
  END LOOP;
END;
$$;

-- Statement trigger of StudyParticipantNight: its changes move the study's aggregates.
CREATE FUNCTION cohort_mark_study() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  marked bigint := 0;
  n bigint;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "CohortPendingStudy" (txid, "studyId", "userId", date)
      SELECT DISTINCT txid_current(), "studyId", "userId", date FROM new_rows ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT; marked := marked + n;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO "CohortPendingStudy" (txid, "studyId", "userId", date)
      SELECT DISTINCT txid_current(), "studyId", "userId", date FROM old_rows ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT; marked := marked + n;
  END IF;
  IF marked > 0 THEN PERFORM cohort_queue_flush(); END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "StudyParticipantNight_cohort_insert" AFTER INSERT ON "StudyParticipantNight"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cohort_mark_study();
CREATE TRIGGER "StudyParticipantNight_cohort_update" AFTER UPDATE ON "StudyParticipantNight"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cohort_mark_study();
CREATE TRIGGER "StudyParticipantNight_cohort_delete" AFTER DELETE ON "StudyParticipantNight"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cohort_mark_study();

-- Enrolment: joining copies the person's resolved nights into the study; leaving (leftAt set,
-- or the row deleted) removes them at once. Sharing stops the moment the enrolment ends.
CREATE FUNCTION cohort_enrolment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_in boolean := TG_OP <> 'INSERT' AND OLD."leftAt" IS NULL;
  is_in boolean := TG_OP <> 'DELETE' AND NEW."leftAt" IS NULL;
  moved boolean := TG_OP = 'UPDATE' AND (OLD."studyId" <> NEW."studyId" OR OLD."userId" <> NEW."userId");
  nights date[];
BEGIN
  IF was_in AND (NOT is_in OR moved) THEN
    PERFORM cohort_lock_person(OLD."userId");
    DELETE FROM "StudyParticipantNight" WHERE "studyId" = OLD."studyId" AND "userId" = OLD."userId";
    DELETE FROM "StudyParticipantCoverage" WHERE "studyId" = OLD."studyId" AND "userId" = OLD."userId";
  END IF;
  IF is_in AND (NOT was_in OR moved) THEN
    PERFORM cohort_lock_person(NEW."userId");
    nights := cohort_user_nights(NEW."userId");
    INSERT INTO "StudyParticipantNight" ("studyId", "userId", date, "minutesAsleep", "deepMinutes", "lightMinutes", "remMinutes", "wakeMinutes",
        hrv, breathing, "foodDay", "eveningCalories", shuffle)
      SELECT NEW."studyId", r.user_id, r.night, r.minutes_asleep, r.deep, r.light, r.rem, r.wake, r.hrv, r.breathing, r.food_day, r.evening_calories,
             md5(r.user_id || r.night::text)
      FROM cohort_resolve_nights(array_fill(NEW."userId", ARRAY[cardinality(nights)]), nights) r
      WHERE r.minutes_asleep IS NOT NULL OR r.hrv IS NOT NULL OR r.breathing IS NOT NULL OR r.food_day OR r.evening_calories IS NOT NULL
      ON CONFLICT DO NOTHING;
    -- Even with no nights yet the person gets a coverage row (zeros) at commit.
    INSERT INTO "CohortPendingStudy" (txid, "studyId", "userId", date) VALUES (txid_current(), NEW."studyId", NEW."userId", 'epoch')
      ON CONFLICT DO NOTHING;
    PERFORM cohort_queue_flush();
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "StudyParticipant_cohort" AFTER INSERT OR UPDATE OR DELETE ON "StudyParticipant"
  FOR EACH ROW EXECUTE FUNCTION cohort_enrolment_changed();

-- A study's window decides what coverage counts: a changed window recounts everyone.
CREATE FUNCTION cohort_window_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CohortPendingStudy" (txid, "studyId", "userId", date)
    SELECT txid_current(), sp."studyId", sp."userId", 'epoch' FROM "StudyParticipant" sp WHERE sp."studyId" = NEW.id AND sp."leftAt" IS NULL
    ON CONFLICT DO NOTHING;
  PERFORM cohort_queue_flush();
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Study_cohort_window" AFTER UPDATE OF "startDate", "endDate" ON "Study"
  FOR EACH ROW WHEN (OLD."startDate" IS DISTINCT FROM NEW."startDate" OR OLD."endDate" IS DISTINCT FROM NEW."endDate")
  EXECUTE FUNCTION cohort_window_changed();

-- At COMMIT, once per transaction: (1) re-resolve the marked person-nights into every current
-- enrolment of the person, (2) recount the marked participants' coverage, (3) recompute the
-- marked study-nights' quartiles and pair sums. Locks are taken in one global order (persons,
-- then participants, then study-nights, each sorted) before the statement that reads, so a
-- concurrent transaction's committed rows are always seen and never overwritten with stale ones.
CREATE FUNCTION cohort_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := txid_current();
  users text[];
  nights date[];
  studies text[];
  lk record;
BEGIN
  WITH gone AS (DELETE FROM "CohortPendingNight" WHERE txid = tx RETURNING "userId", date)
  SELECT array_agg("userId"), array_agg(date) INTO users, nights FROM gone;
  IF users IS NOT NULL THEN
    FOR lk IN SELECT DISTINCT u FROM unnest(users) AS u ORDER BY u LOOP
      PERFORM cohort_lock_person(lk.u);
    END LOOP;
    WITH resolved AS (
      SELECT sp."studyId", r.*, (r.minutes_asleep IS NOT NULL OR r.hrv IS NOT NULL OR r.breathing IS NOT NULL OR r.food_day OR r.evening_calories IS NOT NULL) AS has_data
      FROM cohort_resolve_nights(users, nights) r
      JOIN "StudyParticipant" sp ON sp."userId" = r.user_id AND sp."leftAt" IS NULL
    ), upserted AS (
      INSERT INTO "StudyParticipantNight" AS t ("studyId", "userId", date, "minutesAsleep", "deepMinutes", "lightMinutes", "remMinutes", "wakeMinutes",
          hrv, breathing, "foodDay", "eveningCalories", shuffle)
        SELECT "studyId", user_id, night, minutes_asleep, deep, light, rem, wake, hrv, breathing, food_day, evening_calories, md5(user_id || night::text)
        FROM resolved WHERE has_data
      ON CONFLICT ("studyId", date, "userId") DO UPDATE SET
        "minutesAsleep" = EXCLUDED."minutesAsleep", "deepMinutes" = EXCLUDED."deepMinutes", "lightMinutes" = EXCLUDED."lightMinutes",
        "remMinutes" = EXCLUDED."remMinutes", "wakeMinutes" = EXCLUDED."wakeMinutes", hrv = EXCLUDED.hrv, breathing = EXCLUDED.breathing,
        "foodDay" = EXCLUDED."foodDay", "eveningCalories" = EXCLUDED."eveningCalories"
      WHERE (t."minutesAsleep", t."deepMinutes", t."lightMinutes", t."remMinutes", t."wakeMinutes", t.hrv, t.breathing, t."foodDay", t."eveningCalories")
        IS DISTINCT FROM (EXCLUDED."minutesAsleep", EXCLUDED."deepMinutes", EXCLUDED."lightMinutes", EXCLUDED."remMinutes", EXCLUDED."wakeMinutes",
                          EXCLUDED.hrv, EXCLUDED.breathing, EXCLUDED."foodDay", EXCLUDED."eveningCalories")
      RETURNING 1
    )
    DELETE FROM "StudyParticipantNight" t USING resolved r
      WHERE NOT r.has_data AND t."studyId" = r."studyId" AND t."userId" = r.user_id AND t.date = r.night;
  END IF;

  -- The study-level marks, including those step 1 just made through StudyParticipantNight's trigger.
  WITH gone AS (DELETE FROM "CohortPendingStudy" WHERE txid = tx RETURNING "studyId", "userId", date)
  SELECT array_agg("studyId"), array_agg("userId"), array_agg(date) INTO studies, users, nights FROM gone;
  IF studies IS NOT NULL THEN
    FOR lk IN SELECT DISTINCT s, u FROM unnest(studies, users) AS m(s, u) ORDER BY s, u LOOP
      PERFORM pg_advisory_xact_lock(hashtextextended('cohort-participant:' || lk.s || ':' || lk.u, 0));
    END LOOP;
    INSERT INTO "StudyParticipantCoverage" AS c ("studyId", "userId", "sleepNights", "hrvNights", "breathingNights", "foodDays")
      SELECT p.s, p.u, count(n."minutesAsleep"), count(n.hrv), count(n.breathing), count(*) FILTER (WHERE n."foodDay")
      FROM (SELECT DISTINCT s, u FROM unnest(studies, users) AS m(s, u)) p
      JOIN "StudyParticipant" sp ON sp."studyId" = p.s AND sp."userId" = p.u AND sp."leftAt" IS NULL
      JOIN "Study" st ON st.id = p.s
      LEFT JOIN "StudyParticipantNight" n ON n."studyId" = p.s AND n."userId" = p.u
        AND n.date >= st."startDate" AND (st."endDate" IS NULL OR n.date <= st."endDate")
      GROUP BY p.s, p.u
    ON CONFLICT ("studyId", "userId") DO UPDATE SET "sleepNights" = EXCLUDED."sleepNights", "hrvNights" = EXCLUDED."hrvNights",
      "breathingNights" = EXCLUDED."breathingNights", "foodDays" = EXCLUDED."foodDays";

    FOR lk IN SELECT DISTINCT s, d FROM unnest(studies, nights) AS m(s, d) WHERE d <> 'epoch' ORDER BY s, d LOOP
      PERFORM pg_advisory_xact_lock(hashtext('cohort-study:' || lk.s), lk.d - date '2000-01-01');
    END LOOP;
    WITH keys AS (
      SELECT DISTINCT m.s AS study_id, m.d AS night FROM unnest(studies, nights) AS m(s, d) JOIN "Study" st ON st.id = m.s WHERE m.d <> 'epoch'
    ), agg AS (
      SELECT k.study_id, k.night,
        count(n."minutesAsleep") AS sleep_n,
        percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY n."minutesAsleep") AS total,
        percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY n."deepMinutes") AS deep,
        percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY n."lightMinutes") AS light,
        percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY n."remMinutes") AS rem,
        percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY n."wakeMinutes") AS wake,
        count(n.hrv) AS hrv_n,
        percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY n.hrv) AS hrv,
        count(n.breathing) AS br_n,
        percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY n.breathing) AS br,
        count(*) FILTER (WHERE n.pair) AS pair_n,
        coalesce(sum(n.x) FILTER (WHERE n.pair), 0) AS sx, coalesce(sum(n.y) FILTER (WHERE n.pair), 0) AS sy,
        coalesce(sum(n.x * n.y) FILTER (WHERE n.pair), 0) AS sxy, coalesce(sum(n.x * n.x) FILTER (WHERE n.pair), 0) AS sxx,
        coalesce(sum(n.y * n.y) FILTER (WHERE n.pair), 0) AS syy,
        min(n.x) FILTER (WHERE n.pair) AS min_x, max(n.x) FILTER (WHERE n.pair) AS max_x
      FROM keys k
      JOIN (SELECT s.*, s."eveningCalories" AS x, s."deepMinutes"::float8 AS y,
                   (s."deepMinutes" IS NOT NULL AND s."eveningCalories" IS NOT NULL) AS pair
            FROM "StudyParticipantNight" s) n ON n."studyId" = k.study_id AND n.date = k.night
      GROUP BY k.study_id, k.night
    ), saved AS (
      INSERT INTO "StudyNightAggregate" ("studyId", date, "sleepN", "totalSleep", deep, light, rem, wake, "hrvN", hrv, "breathingN", breathing,
          "pairN", "sumX", "sumY", "sumXY", "sumXX", "sumYY", "minX", "maxX")
        SELECT study_id, night, sleep_n, total, deep, light, rem, wake, hrv_n, hrv, br_n, br, pair_n, sx, sy, sxy, sxx, syy, min_x, max_x FROM agg
      ON CONFLICT ("studyId", date) DO UPDATE SET "sleepN" = EXCLUDED."sleepN", "totalSleep" = EXCLUDED."totalSleep", deep = EXCLUDED.deep,
        light = EXCLUDED.light, rem = EXCLUDED.rem, wake = EXCLUDED.wake, "hrvN" = EXCLUDED."hrvN", hrv = EXCLUDED.hrv,
        "breathingN" = EXCLUDED."breathingN", breathing = EXCLUDED.breathing, "pairN" = EXCLUDED."pairN", "sumX" = EXCLUDED."sumX",
        "sumY" = EXCLUDED."sumY", "sumXY" = EXCLUDED."sumXY", "sumXX" = EXCLUDED."sumXX", "sumYY" = EXCLUDED."sumYY",
        "minX" = EXCLUDED."minX", "maxX" = EXCLUDED."maxX"
      RETURNING 1
    )
    DELETE FROM "StudyNightAggregate" a USING keys k
      WHERE a."studyId" = k.study_id AND a.date = k.night AND NOT EXISTS (SELECT 1 FROM agg WHERE agg.study_id = k.study_id AND agg.night = k.night);
  END IF;
  DELETE FROM "CohortPendingFlush" WHERE txid = tx;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER "CohortPendingFlush_at_commit" AFTER INSERT ON "CohortPendingFlush"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cohort_flush();

-- What was there before this migration: every current enrolment's nights (the triggers above
-- compute the coverage and study aggregates when this migration commits).
INSERT INTO "StudyParticipantNight" ("studyId", "userId", date, "minutesAsleep", "deepMinutes", "lightMinutes", "remMinutes", "wakeMinutes",
    hrv, breathing, "foodDay", "eveningCalories", shuffle)
  SELECT sp."studyId", r.user_id, r.night, r.minutes_asleep, r.deep, r.light, r.rem, r.wake, r.hrv, r.breathing, r.food_day, r.evening_calories,
         md5(r.user_id || r.night::text)
  FROM "StudyParticipant" sp
  CROSS JOIN LATERAL (SELECT cohort_user_nights(sp."userId") AS nights) n
  CROSS JOIN LATERAL cohort_resolve_nights(array_fill(sp."userId", ARRAY[cardinality(n.nights)]), n.nights) r
  WHERE sp."leftAt" IS NULL
    AND (r.minutes_asleep IS NOT NULL OR r.hrv IS NOT NULL OR r.breathing IS NOT NULL OR r.food_day OR r.evening_calories IS NOT NULL);
INSERT INTO "CohortPendingStudy" (txid, "studyId", "userId", date)
  SELECT txid_current(), "studyId", "userId", 'epoch' FROM "StudyParticipant" WHERE "leftAt" IS NULL ON CONFLICT DO NOTHING;
SELECT cohort_queue_flush();
