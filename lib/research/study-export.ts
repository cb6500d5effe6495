import "server-only";
import type { ExportRow } from "@/lib/api-schemas/export";
import { recordAudit } from "@/lib/audit/record";
import { studySubjects, type AuthorizedStudy } from "@/lib/authz/authorize";
import { OutsideGrantError, type AuthorizedSubject } from "@/lib/authz/subject";
import { getExportRows } from "@/lib/queries/export";
import { getSleepEpisodes, type SleepEpisode } from "@/lib/queries/sleep-episodes";
import { csvLines } from "./export/csv";
import { dictionaryCsv } from "./export/dictionary";
import { LONG_COLUMNS, longCsv } from "./export/long";
import { omhDataPoints } from "./export/omh";
import { wideCsv, wideHeader } from "./export/wide";
import type { StudyExportQuery } from "./schemas";

interface Layout {
  head: string;
  /** One participant's part, given what was read for them. */
  part: (input: { code: string; rows: ExportRow[]; episodes: SleepEpisode[]; first: boolean }) => string;
  tail: string;
  needsEpisodes: boolean;
}

function layoutFor(study: AuthorizedStudy, query: StudyExportQuery): Layout {
  const createdAt = new Date().toISOString();
  const comma = (first: boolean, text: string) => (text === "" ? "" : first ? text : `,${text}`);
  switch (query.format) {
    case "csv":
      return { head: csvLines([[...LONG_COLUMNS]]), part: ({ code, rows }) => longCsv(code, rows), tail: "", needsEpisodes: false };
    case "wide_csv":
      return { head: csvLines([wideHeader(query.metric!)]), part: ({ code, rows }) => wideCsv(code, rows, query.metric!), tail: "", needsEpisodes: false };
    case "json":
      return {
        head: `{"study":${JSON.stringify({ id: study.id, name: study.name })},"from":"${query.from}","to":"${query.to}","rows":[`,
        part: ({ code, rows, first }) => comma(first, rows.map((row) => JSON.stringify({ study_participant_id: code, ...row })).join(",")),
        tail: "]}\n",
        needsEpisodes: false,
      };
    case "omh":
      return {
        head: "[",
        part: ({ code, rows, episodes, first }) =>
          comma(first, omhDataPoints({ studyId: study.id, code, createdAt, episodes, rows, source: null }).map((point) => JSON.stringify(point)).join(",")),
        tail: "]\n",
        needsEpisodes: study.metrics.includes("sleep"),
      };
    case "dictionary":
      throw new Error("the dictionary is not a per-participant layout");
  }
}

async function readOrNothing<T>(read: () => Promise<T>, nothing: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof OutsideGrantError) return nothing; // range outside the window: no rows
    throw error;
  }
}

/**
 * A study's data for a date range as a stream, one participant at a time: the same rows (and
 * numbers) as each participant's own "Download my data", limited to the study's metrics and
 * window, in metric units. Only one participant's rows are ever in memory, and the next
 * participant is read only when the client has taken the previous part (pull). Audited up front.
 */
export async function streamStudyExport(study: AuthorizedStudy, query: StudyExportQuery, via: string): Promise<ReadableStream<Uint8Array>> {
  const range = { from: query.from, to: query.to };
  await recordAudit({ action: "export", actorId: study.viewerId, studyId: study.id, details: { from: range.from, to: range.to, format: query.format, ...(query.metric ? { metric: query.metric } : {}), via } });
  const encoder = new TextEncoder();
  if (query.format === "dictionary") {
    const text = encoder.encode(dictionaryCsv(study.metrics));
    return new ReadableStream({ start: (controller) => (controller.enqueue(text), controller.close()) });
  }
  const layout = layoutFor(study, query);
  const participants = studySubjects(study);
  let started = false;
  let first = true;
  const readFor = async (subject: AuthorizedSubject) => {
    const [rows, episodes] = await Promise.all([
      readOrNothing(() => getExportRows(subject, range, "METRIC"), []),
      layout.needsEpisodes ? readOrNothing(() => getSleepEpisodes(subject, range), []) : Promise.resolve([]),
    ]);
    return { rows, episodes };
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(layout.head));
        return;
      }
      const next = await participants.next();
      if (next.done) {
        if (layout.tail) controller.enqueue(encoder.encode(layout.tail));
        controller.close();
        return;
      }
      const text = layout.part({ code: next.value.studyCode, ...(await readFor(next.value.subject)), first });
      if (text !== "") {
        first = false;
        controller.enqueue(encoder.encode(text));
      }
    },
    async cancel() {
      await participants.return(undefined);
    },
  }, { highWaterMark: 0 });
}
