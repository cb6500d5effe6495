import "server-only";
import { csvField, type ExportRow } from "@/lib/api-schemas/export";
import { recordAudit } from "@/lib/audit/record";
import { studySubjects, type AuthorizedStudy } from "@/lib/authz/authorize";
import { OutsideGrantError } from "@/lib/authz/subject";
import { getExportRows } from "@/lib/queries/export";

export const STUDY_EXPORT_COLUMNS = ["study_participant_id", "date", "metric", "value", "unit"] as const;

/**
 * A study's data for a date range as a stream, one participant at a time: the same rows (and
 * numbers) as each participant's own "Download my data", limited to the study's metrics and
 * window, in metric units. Only one participant's rows are ever in memory. Audited up front.
 */
export async function streamStudyExport(study: AuthorizedStudy, range: { from: string; to: string }, format: "csv" | "json", via: string): Promise<ReadableStream<Uint8Array>> {
  await recordAudit({ action: "export", actorId: study.viewerId, studyId: study.id, details: { from: range.from, to: range.to, format, via } });
  const encoder = new TextEncoder();
  const participants = studySubjects(study);
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(format === "csv" ? `${STUDY_EXPORT_COLUMNS.join(",")}\r\n` : `{"study":${JSON.stringify({ id: study.id, name: study.name })},"from":"${range.from}","to":"${range.to}","rows":[`));
        return;
      }
      const next = await participants.next();
      if (next.done) {
        if (format === "json") controller.enqueue(encoder.encode("]}\n"));
        controller.close();
        return;
      }
      let rows: ExportRow[] = [];
      try {
        rows = await getExportRows(next.value.subject, range, "METRIC");
      } catch (error) {
        if (!(error instanceof OutsideGrantError)) throw error; // range outside the window: no rows
      }
      const code = next.value.studyCode;
      const text =
        format === "csv"
          ? rows.map((row) => `${[code, row.date, row.metric, row.value, row.unit].map(csvField).join(",")}\r\n`).join("")
          : rows.map((row) => `${first ? ((first = false), "") : ","}${JSON.stringify({ study_participant_id: code, ...row })}`).join("");
      controller.enqueue(encoder.encode(text));
    },
  });
}
