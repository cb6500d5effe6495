import { defineRoute } from "@/lib/http/route";
import { studyExportQuerySchema, studyExportResponse, studyParamsSchema } from "@/lib/research/export-route";

export const dynamic = "force-dynamic";

/** GET /api/v1/studies/{studyId}/export?format=csv|json&from=&to= with a personal API token. */
export const GET = defineRoute({
  auth: "token",
  allow: { study: "member" },
  params: studyParamsSchema,
  query: studyExportQuerySchema,
  handler: ({ study, query }) => studyExportResponse(study, query, "api_token"),
});
