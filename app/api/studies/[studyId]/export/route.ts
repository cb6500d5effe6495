import { defineRoute } from "@/lib/http/route";
import { studyExportQuerySchema, studyExportResponse, studyParamsSchema } from "@/lib/research/export-route";

export const dynamic = "force-dynamic";

/** The same study export for a signed-in researcher (the study page's download links). */
export const GET = defineRoute({
  auth: "user",
  allow: { study: "member" },
  params: studyParamsSchema,
  query: studyExportQuerySchema,
  handler: ({ study, query }) => studyExportResponse(study, query, "session"),
});
