import "server-only";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { addDays, daysBetween, localToday, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { cohortMoveStates, type CohortMoveState } from "./cohort-move-states";
import type { CohortQuery } from "./schemas";

export const COHORT_PAGE_SIZE = 25;
const STALE_DAYS = 3;

export interface CohortRow {
  participantId: string;
  studyCode: string;
  name: string | null;
  provider: string | null;
  status: string | null;
  /** The move to the successor provider (issue 9 §1), in plain words. */
  move: CohortMoveState;
  lastDeviceSync: Date | null;
  battery: string | null;
  lastDataSync: Date | null;
  coverage: { sleep: number | null; hrv: number | null; breathing: number | null; nutrition: number | null };
  nights7: number;
  stale: boolean;
}

/** Sort keys over the page's columns (counted sorts use `sort_count`, see below). */
const SORT_SQL: Record<CohortQuery["sort"], Prisma.Sql> = {
  studyCode: Prisma.sql`c."studyCode"`,
  lastDataSync: Prisma.sql`c.last_data_sync`,
  sleepCoverage: Prisma.sql`c.sort_count`,
  nights7: Prisma.sql`c.sort_count`,
};

/**
 * One page of the study's currently enrolled participants, sorted, filtered and paginated in
 * PostgreSQL; coverage counts only nights inside the study window (up to today).
 *
 * What every participant is sorted and filtered by comes from StudyParticipantCoverage, which
 * the database keeps per participant (nights with data from the window's start to its end, the
 * connection shown, the last data sync; decision 0015); nights after today (a timezone ahead of
 * UTC) are taken off here from a short index range. So a sort or a filter reads one row per
 * participant from the study's range; devices, nights of the week, names and move states are
 * read for the page's rows only.
 */
export async function getCohortTable(study: AuthorizedStudy, query: CohortQuery, now = new Date()) {
  const today = localToday("UTC", now);
  const windowTo = study.window.to && study.window.to < today ? study.window.to : today;
  const windowDays = Math.max(0, daysBetween(study.window.from, windowTo) + 1);
  const from = toDbDate(study.window.from);
  const to = toDbDate(windowTo);
  const windowEnd = study.window.to ? toDbDate(study.window.to) : null;
  const week = toDbDate(addDays(today, -6));
  const staleBefore = new Date(now.getTime() - STALE_DAYS * 86_400_000);
  const search = query.q ? `%${query.q.replace(/[%_\\]/g, "\\$&")}%` : null;
  const statusFilter =
    query.status === "stale"
      ? Prisma.sql`AND (last_data_sync IS NULL OR last_data_sync < ${staleBefore})`
      : query.status
        ? Prisma.sql`AND status = ${query.status}`
        : Prisma.empty;
  const direction = query.dir === "desc" ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS FIRST`;
  // Nights in the last 7 days, never outside the study window.
  const weekFrom = week > from ? week : from;
  const nights7 = Prisma.sql`(SELECT count(n."minutesAsleep") FROM "StudyParticipantNight" n WHERE n."studyId" = ${study.id} AND n."userId" = c."userId" AND n.date BETWEEN ${weekFrom} AND ${to})`;
  // Only a sort by nights counts them for everyone (seven nights each, by index); otherwise
  // they are counted for the one page shown.
  const sortKey = SORT_SQL[query.sort];
  const sortCount = query.sort === "sleepCoverage" ? Prisma.sql`c.sleep_nights` : query.sort === "nights7" ? nights7 : null;
  const rows = await db.$queryRaw<
    Array<{ id: string; userId: string; studyCode: string; name: string | null; provider: string | null; status: string | null; last_device_sync: Date | null; battery: string | null; last_data_sync: Date | null; sleep_nights: bigint; hrv_nights: bigint; br_nights: bigint; food_days: bigint; nights7: bigint; total: bigint; connections: Array<{ provider: string; status: string; movedAt: string | null; moveNotifiedAt: string | null }> }>
  >`
    WITH later AS (
      -- Nights inside the window but after today: counted in the coverage row, not shown yet.
      SELECT n."userId", count(n."minutesAsleep") AS sleep, count(n.hrv) AS hrv, count(n.breathing) AS br, count(*) FILTER (WHERE n."foodDay") AS food
      FROM "StudyParticipantNight" n
      WHERE n."studyId" = ${study.id} AND n.date > ${to} AND n.date >= ${from} AND (${windowEnd}::date IS NULL OR n.date <= ${windowEnd}::date)
      GROUP BY n."userId"
    ), cohort AS (
      SELECT sp.id, sp."userId", sp."studyCode", r.provider, r."connectionStatus" AS status, r."lastDataSyncAt" AS last_data_sync,
        coalesce(r."sleepNights", 0) - coalesce(l.sleep, 0) AS sleep_nights, coalesce(r."hrvNights", 0) - coalesce(l.hrv, 0) AS hrv_nights,
        coalesce(r."breathingNights", 0) - coalesce(l.br, 0) AS br_nights, coalesce(r."foodDays", 0) - coalesce(l.food, 0) AS food_days
      FROM "StudyParticipant" sp
      LEFT JOIN "StudyParticipantCoverage" r ON r."studyId" = sp."studyId" AND r."userId" = sp."userId"
      LEFT JOIN later l ON l."userId" = sp."userId"
      WHERE sp."studyId" = ${study.id} AND sp."leftAt" IS NULL
        ${search ? (study.showNames ? Prisma.sql`AND (sp."studyCode" ILIKE ${search} OR EXISTS (SELECT 1 FROM "User" u WHERE u.id = sp."userId" AND u.name ILIKE ${search}))` : Prisma.sql`AND sp."studyCode" ILIKE ${search}`) : Prisma.empty}
    ), page AS (
      SELECT c.*, ${sortCount ?? Prisma.sql`NULL::bigint`} AS sort_count, count(*) OVER () AS total FROM cohort c
      WHERE true ${statusFilter}
      ORDER BY ${sortCount ? Prisma.sql`sort_count` : sortKey} ${direction}, c."studyCode" ASC
      LIMIT ${COHORT_PAGE_SIZE} OFFSET ${(query.page - 1) * COHORT_PAGE_SIZE}
    )
    SELECT c.id, c."userId", c."studyCode", (SELECT u.name FROM "User" u WHERE u.id = c."userId") AS name, c.provider, c.status, c.last_data_sync, c.total,
      (SELECT max(d."lastSyncAt") FROM "Device" d WHERE d."userId" = c."userId") AS last_device_sync,
      (SELECT d.battery FROM "Device" d WHERE d."userId" = c."userId" ORDER BY d."lastSyncAt" DESC NULLS LAST LIMIT 1) AS battery,
      c.sleep_nights, c.hrv_nights, c.br_nights, c.food_days, ${query.sort === "nights7" ? Prisma.sql`c.sort_count` : nights7} AS nights7,
      (SELECT coalesce(json_agg(json_build_object('provider', pc.provider, 'status', pc.status, 'movedAt', pc."movedAt" AT TIME ZONE 'UTC', 'moveNotifiedAt', pc."moveNotifiedAt" AT TIME ZONE 'UTC') ORDER BY pc."updatedAt" DESC), '[]')
       FROM "ProviderConnection" pc WHERE pc."userId" = c."userId") AS connections
    FROM page c
    ORDER BY ${sortCount ? Prisma.sql`c.sort_count` : sortKey} ${direction}, c."studyCode" ASC
  `;
  const moves = await cohortMoveStates(rows.map((row) => ({ userId: row.userId, connections: row.connections.map((c) => ({ ...c, movedAt: c.movedAt ? new Date(c.movedAt) : null, moveNotifiedAt: c.moveNotifiedAt ? new Date(c.moveNotifiedAt) : null })) })));
  const share = (count: bigint, metric: string) => (study.metrics.includes(metric as never) && windowDays > 0 ? Number(count) / windowDays : null);
  const items: CohortRow[] = rows.map((row) => ({
    participantId: row.id,
    studyCode: row.studyCode,
    name: study.showNames ? row.name : null,
    provider: row.provider,
    status: row.status,
    move: moves.get(row.userId) ?? { state: "none", label: "Not connected" },
    lastDeviceSync: row.last_device_sync,
    battery: row.battery,
    lastDataSync: row.last_data_sync,
    coverage: { sleep: share(row.sleep_nights, "sleep"), hrv: share(row.hrv_nights, "hrv"), breathing: share(row.br_nights, "breathing"), nutrition: share(row.food_days, "nutrition") },
    nights7: Number(row.nights7),
    stale: !row.last_data_sync || row.last_data_sync < staleBefore,
  }));
  return { items, total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: COHORT_PAGE_SIZE, windowDays };
}
