-- CreateTable
CREATE TABLE "PersonDataChange" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PersonDataChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonDataChange_userId_weight_idx" ON "PersonDataChange"("userId", "weight");


-- Statement trigger of every table a person's pages read: one change row per person the
-- statement touched (old and new rows). Insert-only: no row a concurrent writer waits for, so it
-- adds no lock and no deadlock to the sync commits, pushes, deletions and admin actions it follows.
-- TG_ARGV[0]: the column naming the person.
CREATE FUNCTION person_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  person text := TG_ARGV[0];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO "PersonDataChange" ("userId") SELECT DISTINCT %I FROM new_rows WHERE %I IS NOT NULL', person, person);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO "PersonDataChange" ("userId") SELECT DISTINCT %I FROM old_rows WHERE %I IS NOT NULL', person, person);
  ELSE
    EXECUTE format('INSERT INTO "PersonDataChange" ("userId") SELECT %I FROM new_rows WHERE %I IS NOT NULL UNION SELECT %I FROM old_rows WHERE %I IS NOT NULL',
      person, person, person, person);
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t record;
  op text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('User', 'id'),
    ('ProviderConnection', 'userId'),
    ('SyncState', 'userId'),
    ('SyncError', 'userId'),
    ('Device', 'userId'),
    ('SleepLog', 'userId'),
    ('HrvDaily', 'userId'),
    ('HrvIntraday', 'userId'),
    ('BreathingRateDaily', 'userId'),
    ('NutritionDaily', 'userId'),
    ('FoodLogEntry', 'userId'),
    ('StudyParticipant', 'userId')
  ) AS v(tbl, person) LOOP
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION person_data_changed(%L)',
        t.tbl || '_person_data_' || lower(op), op, t.tbl,
        CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows' ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
        t.person);
    END LOOP;
  END LOOP;
END;
$$;
