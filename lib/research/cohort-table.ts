import "server-only";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { addDays, daysBetween, localToday } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CohortQuery } from "./schemas";

export const COHORT_PAGE_SIZE = 25;
const STALE_DAYS = 3;

export interface CohortRow {
  participantId: string;
  studyCode: string;
  name: string | null;
  provider: string | null;
  status: string | null;
  lastDeviceSync: Date | null;
  battery: string | null;
  lastDataSync: Date | null;
  coverage: { sleep: number | null; hrv: number | null; breathing: number | null; nutrition: number | null };
  nights7: number;
  stale: boolean;
}

const SORT_SQL: Record<CohortQuery["sort"], Prisma.Sql> = {
  studyCode: Prisma.sql`sp."studyCode"`,
  lastDataSync: Prisma.sql`last_data_sync`,
  sleepCoverage: Prisma.sql`sleep_nights`,
  nights7: Prisma.sql`nights7`,
};

/**
 * One page of the study's currently enrolled participants, sorted, filtered and paginated in
 * PostgreSQL; coverage counts only nights inside the study window (up to today).
 */
export async function getCohortTable(study: AuthorizedStudy, query: CohortQuery, now = new Date()) {
  const today = localToday("UTC", now);
  const windowTo = study.window.to && study.window.to < today ? study.window.to : today;
  const windowDays = Math.max(0, daysBetween(study.window.from, windowTo) + 1);
  const from = new Date(`${study.window.from}T00:00:00Z`);
  const to = new Date(`${windowTo}T00:00:00Z`);
  const week = new Date(`${addDays(today, -6)}T00:00:00Z`);
  const staleBefore = new Date(now.getTime() - STALE_DAYS * 86_400_000);
  const search = query.q ? `%${query.q.replace(/[%_\\]/g, "\\$&")}%` : null;
  const statusFilter =
    query.status === "stale"
      ? Prisma.sql`AND (last_data_sync IS NULL OR last_data_sync < ${staleBefore})`
      : query.status
        ? Prisma.sql`AND status = ${query.status}`
        : Prisma.empty;
  const direction = query.dir === "desc" ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS FIRST`;
  const rows = await db.$queryRaw<
    Array<{ id: string; studyCode: string; name: string | null; provider: string | null; status: string | null; last_device_sync: Date | null; battery: string | null; last_data_sync: Date | null; sleep_nights: bigint; hrv_nights: bigint; br_nights: bigint; food_days: bigint; nights7: bigint; total: bigint }>
  >`
    WITH cohort AS (
      SELECT sp.id, sp."studyCode", u.name, pc.provider, pc.status::text AS status,
        (SELECT max(d."lastSyncAt") FROM "Device" d WHERE d."userId" = sp."userId") AS last_device_sync,
        (SELECT d.battery FROM "Device" d WHERE d."userId" = sp."userId" ORDER BY d."lastSyncAt" DESC NULLS LAST LIMIT 1) AS battery,
        (SELECT max(s."lastSyncCompletedAt") FROM "SyncState" s WHERE s."userId" = sp."userId") AS last_data_sync,
        (SELECT count(DISTINCT l."dateOfSleep") FROM "SleepLog" l WHERE l."userId" = sp."userId" AND l."dateOfSleep" BETWEEN ${from} AND ${to}) AS sleep_nights,
        (SELECT count(DISTINCT h.date) FROM "HrvDaily" h WHERE h."userId" = sp."userId" AND h.date BETWEEN ${from} AND ${to}) AS hrv_nights,
        (SELECT count(DISTINCT b.date) FROM "BreathingRateDaily" b WHERE b."userId" = sp."userId" AND b.date BETWEEN ${from} AND ${to} AND b."fullSleep" IS NOT NULL) AS br_nights,
        (SELECT count(DISTINCT n.date) FROM "NutritionDaily" n WHERE n."userId" = sp."userId" AND n.date BETWEEN ${from} AND ${to} AND (n."caloriesIn" > 0 OR n."foodLogFetched")) AS food_days,
        (SELECT count(DISTINCT l."dateOfSleep") FROM "SleepLog" l WHERE l."userId" = sp."userId" AND l."dateOfSleep" >= ${week}) AS nights7
      FROM "StudyParticipant" sp
      JOIN "User" u ON u.id = sp."userId"
      LEFT JOIN LATERAL (
        SELECT c.provider, c.status FROM "ProviderConnection" c WHERE c."userId" = sp."userId" ORDER BY (c.status = 'ACTIVE') DESC, c."updatedAt" DESC LIMIT 1
      ) pc ON true
      WHERE sp."studyId" = ${study.id} AND sp."leftAt" IS NULL
        ${search ? (study.showNames ? Prisma.sql`AND (sp."studyCode" ILIKE ${search} OR u.name ILIKE ${search})` : Prisma.sql`AND sp."studyCode" ILIKE ${search}`) : Prisma.empty}
    )
    SELECT sp.*, count(*) OVER () AS total FROM cohort sp
    WHERE true ${statusFilter}
    ORDER BY ${SORT_SQL[query.sort]} ${direction}, sp."studyCode" ASC
    LIMIT ${COHORT_PAGE_SIZE} OFFSET ${(query.page - 1) * COHORT_PAGE_SIZE}
  `;
  const share = (count: bigint, metric: string) => (study.metrics.includes(metric as never) && windowDays > 0 ? Number(count) / windowDays : null);
  const items: CohortRow[] = rows.map((row) => ({
    participantId: row.id,
    studyCode: row.studyCode,
    name: study.showNames ? row.name : null,
    provider: row.provider,
    status: row.status,
    lastDeviceSync: row.last_device_sync,
    battery: row.battery,
    lastDataSync: row.last_data_sync,
    coverage: { sleep: share(row.sleep_nights, "sleep"), hrv: share(row.hrv_nights, "hrv"), breathing: share(row.br_nights, "breathing"), nutrition: share(row.food_days, "nutrition") },
    nights7: Number(row.nights7),
    stale: !row.last_data_sync || row.last_data_sync < staleBefore,
  }));
  return { items, total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: COHORT_PAGE_SIZE, windowDays };
}
