import { defineRoute } from "@/lib/http/route";
import { getCohortTable } from "@/lib/research/cohort-table";
import { studyParamsSchema } from "@/lib/research/export-route";
import { cohortQuerySchema } from "@/lib/research/schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/studies/{studyId}/participants with a personal API token: the cohort table as JSON. */
export const GET = defineRoute({
  auth: "token",
  allow: { study: "member" },
  params: studyParamsSchema,
  query: cohortQuerySchema,
  handler: async ({ study, query }) => {
    const table = await getCohortTable(study, query);
    return {
      study: { id: study.id, name: study.name, metrics: study.metrics, window: study.window },
      total: table.total,
      page: table.page,
      pageSize: table.pageSize,
      participants: table.items.map((row) => ({
        study_participant_id: row.studyCode,
        ...(study.showNames ? { name: row.name } : {}),
        provider: row.provider,
        connection_status: row.status,
        last_device_sync: row.lastDeviceSync,
        battery: row.battery,
        last_data_sync: row.lastDataSync,
        coverage: row.coverage,
        nights_with_sleep_last_7_days: row.nights7,
        not_synced_3_days: row.stale,
      })),
    };
  },
});
