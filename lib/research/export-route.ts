import "server-only";
import { z } from "zod";
import { isoDate, checkRange } from "@/lib/api-schemas/range";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { studyIdSchema } from "./schemas";
import { streamStudyExport } from "./study-export";

export const studyParamsSchema = z.strictObject({ studyId: studyIdSchema });

export const studyExportQuerySchema = z
  .strictObject({ format: z.enum(["csv", "json"], { message: "format must be csv or json." }).default("csv"), from: isoDate, to: isoDate })
  .superRefine(checkRange);

/** The streamed study export as an HTTP response (session and API-token routes share it). */
export async function studyExportResponse(study: AuthorizedStudy, query: z.infer<typeof studyExportQuerySchema>, via: string): Promise<Response> {
  const body = await streamStudyExport(study, { from: query.from, to: query.to }, query.format, via);
  return new Response(body, {
    headers: {
      "Content-Type": query.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="study-${study.id}-${query.from}-to-${query.to}.${query.format}"`,
      "Cache-Control": "no-store",
    },
  });
}
