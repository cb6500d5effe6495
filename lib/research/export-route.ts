import "server-only";
import { z } from "zod";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { AppError } from "@/lib/errors/app-error";
import { studyIdSchema, type StudyExportQuery } from "./schemas";
import { streamStudyExport } from "./study-export";

export { studyExportQuerySchema } from "./schemas";
export const studyParamsSchema = z.strictObject({ studyId: studyIdSchema });

const FILES: Record<StudyExportQuery["format"], { type: string; extension: string }> = {
  csv: { type: "text/csv; charset=utf-8", extension: "csv" },
  json: { type: "application/json; charset=utf-8", extension: "json" },
  wide_csv: { type: "text/csv; charset=utf-8", extension: "csv" },
  omh: { type: "application/json; charset=utf-8", extension: "omh.json" },
  dictionary: { type: "text/csv; charset=utf-8", extension: "csv" },
};

export function studyExportFileName(studyId: string, query: StudyExportQuery): string {
  const kind = query.format === "wide_csv" ? `-${query.metric}-wide` : query.format === "dictionary" ? "-dictionary" : "";
  return `study-${studyId}${kind}-${query.from}-to-${query.to}.${FILES[query.format].extension}`;
}

/** The streamed study export as an HTTP response (session and API-token routes share it). */
export async function studyExportResponse(study: AuthorizedStudy, query: StudyExportQuery, via: string): Promise<Response> {
  if (query.metric && !study.metrics.includes(query.metric)) throw new AppError(400, "bad_request", `This study does not collect ${query.metric}; it collects ${study.metrics.join(", ")}.`);
  const body = await streamStudyExport(study, query, via);
  return new Response(body, {
    headers: {
      "Content-Type": FILES[query.format].type,
      "Content-Disposition": `attachment; filename="${studyExportFileName(study.id, query)}"`,
      "Cache-Control": "no-store",
    },
  });
}
