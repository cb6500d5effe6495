"use client";

import { useState } from "react";
import type { Metric } from "@/lib/api-schemas/dashboard";
import { studyExportQuerySchema, type StudyExportQuery } from "@/lib/research/schemas";

interface ExportFile {
  label: string;
  hint: string;
  query: Pick<StudyExportQuery, "format" | "metric">;
}

const METRIC_NAMES: Record<Metric, string> = { sleep: "Sleep", hrv: "HRV", breathing: "Breathing rate", nutrition: "Food and water" };

/**
 * The study's downloads for a chosen date range: each file is a plain link to the streamed
 * export route (the browser downloads it as it arrives). Dates are checked with the same zod
 * schema as the server, so a bad range is explained here instead of downloading an error.
 */
export function StudyExportForm({ studyId, metrics, defaultFrom, defaultTo }: { studyId: string; metrics: readonly Metric[]; defaultFrom: string; defaultTo: string }) {
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const files: ExportFile[] = [
    { label: "Long CSV", hint: "study_participant_id, date, metric, value, unit", query: { format: "csv" } },
    ...metrics.map((metric): ExportFile => ({ label: `${METRIC_NAMES[metric]} — wide CSV`, hint: "one row per participant-night, one column per measure", query: { format: "wide_csv", metric } })),
    ...(metrics.some((metric) => metric !== "nutrition")
      ? [{ label: "Open mHealth JSON", hint: "sleep episodes, HRV, respiratory rate", query: { format: "omh" } } satisfies ExportFile]
      : []),
    { label: "Data dictionary", hint: "every column, its unit, how a night is dated", query: { format: "dictionary" } },
  ];
  const checked = studyExportQuerySchema.safeParse({ format: "csv", from, to });
  const problem = checked.success ? null : (checked.error.issues[0]?.message ?? "Check the dates.");
  const href = (file: ExportFile) => `/api/studies/${studyId}/export?${new URLSearchParams({ format: file.query.format, ...(file.query.metric ? { metric: file.query.metric } : {}), from, to })}`;
  return (
    <div className="stack">
      <div className="actions">
        <label>
          From <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} aria-describedby="export-problem" />
        </label>
        <label>
          To <input type="date" value={to} onChange={(event) => setTo(event.target.value)} aria-describedby="export-problem" />
        </label>
      </div>
      <p id="export-problem" role={problem ? "alert" : undefined} className={problem ? "field-error" : "visually-hidden"}>
        {problem ?? ""}
      </p>
      <ul className="export-files" data-testid="export-files">
        {files.map((file) => (
          <li key={`${file.query.format}-${file.query.metric ?? ""}`}>
            {problem ? (
              <span className="button button-secondary button-small" aria-disabled="true">{file.label}</span>
            ) : (
              <a className="button button-secondary button-small" href={href(file)} download>
                {file.label}
              </a>
            )}{" "}
            <span className="muted small">{file.hint}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
