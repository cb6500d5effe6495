-- AlterTable
ALTER TABLE "StudyParticipantCoverage" ADD COLUMN     "connectionStatus" TEXT,
ADD COLUMN     "lastDataSyncAt" TIMESTAMP(3),
ADD COLUMN     "provider" TEXT;

-- CreateIndex
CREATE INDEX "StudyParticipantCoverage_userId_idx" ON "StudyParticipantCoverage"("userId");


-- The cohort table filters and sorts everyone by connection status and last data sync, so each
-- participant's row carries them (decision 0015), kept by triggers on ProviderConnection and
-- SyncState; a sort or a status filter then reads one row per participant from one study range.

-- The connection the cohort table shows for a person: ACTIVE first, then the latest.
CREATE FUNCTION cohort_shown_connection(p_user text, OUT shown_provider text, OUT shown_status text) LANGUAGE sql STABLE AS $$
  SELECT c.provider, c.status::text FROM "ProviderConnection" c WHERE c."userId" = p_user
  ORDER BY (c.status = 'ACTIVE') DESC, c."updatedAt" DESC LIMIT 1
$$;

CREATE FUNCTION cohort_last_data_sync(p_user text) RETURNS timestamp(3) LANGUAGE sql STABLE AS $$
  SELECT max(s."lastSyncCompletedAt") FROM "SyncState" s WHERE s."userId" = p_user
$$;

-- A participant's row, when it is created (enrolment), starts with the person's current status.
CREATE FUNCTION cohort_coverage_fill() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  shown record;
BEGIN
  SELECT * INTO shown FROM cohort_shown_connection(NEW."userId");
  NEW.provider := shown.shown_provider;
  NEW."connectionStatus" := shown.shown_status;
  NEW."lastDataSyncAt" := cohort_last_data_sync(NEW."userId");
  RETURN NEW;
END;
$$;
CREATE TRIGGER "StudyParticipantCoverage_fill" BEFORE INSERT ON "StudyParticipantCoverage"
  FOR EACH ROW EXECUTE FUNCTION cohort_coverage_fill();

-- A connection added, changed (status, refresh) or deleted: the person's rows in every study.
-- The person lock first, so the statement that reads sees any concurrent change committed.
CREATE FUNCTION cohort_connection_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  person text;
BEGIN
  FOREACH person IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD."userId" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."userId" END] LOOP
    CONTINUE WHEN person IS NULL;
    PERFORM cohort_lock_person(person);
    UPDATE "StudyParticipantCoverage" c SET provider = s.shown_provider, "connectionStatus" = s.shown_status
      FROM cohort_shown_connection(person) s
      WHERE c."userId" = person AND (c.provider, c."connectionStatus") IS DISTINCT FROM (s.shown_provider, s.shown_status);
  END LOOP;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ProviderConnection_cohort" AFTER INSERT OR UPDATE OR DELETE ON "ProviderConnection"
  FOR EACH ROW EXECUTE FUNCTION cohort_connection_changed();

CREATE FUNCTION cohort_sync_state_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  person text;
BEGIN
  FOREACH person IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD."userId" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."userId" END] LOOP
    CONTINUE WHEN person IS NULL;
    PERFORM cohort_lock_person(person);
    UPDATE "StudyParticipantCoverage" c SET "lastDataSyncAt" = cohort_last_data_sync(person)
      WHERE c."userId" = person AND c."lastDataSyncAt" IS DISTINCT FROM cohort_last_data_sync(person);
  END LOOP;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "SyncState_cohort_insert_delete" AFTER INSERT OR DELETE ON "SyncState"
  FOR EACH ROW EXECUTE FUNCTION cohort_sync_state_changed();
CREATE TRIGGER "SyncState_cohort_update" AFTER UPDATE ON "SyncState"
  FOR EACH ROW WHEN (OLD."lastSyncCompletedAt" IS DISTINCT FROM NEW."lastSyncCompletedAt" OR OLD."userId" IS DISTINCT FROM NEW."userId")
  EXECUTE FUNCTION cohort_sync_state_changed();

-- Rows that exist already.
UPDATE "StudyParticipantCoverage" c SET provider = (cohort_shown_connection(c."userId")).shown_provider,
  "connectionStatus" = (cohort_shown_connection(c."userId")).shown_status, "lastDataSyncAt" = cohort_last_data_sync(c."userId");
