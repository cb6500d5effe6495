"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UploadAnswer } from "@/lib/import/shimmer/upload-schema";

/**
 * The console's upload of Shimmer OAuth 1.0 records: file + optional study, then either every
 * problem with its line (nothing imported) or the new links, shown this once, with a CSV download.
 */
export function ShimmerUpload({ studies }: { studies: { id: string; name: string }[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);
  return (
    <div className="stack">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setPending(true);
          setError(null);
          setAnswer(null);
          fetch("/api/admin/imports/shimmer", { method: "POST", body: data })
            .then(async (response) => {
              const body = (await response.json().catch(() => null)) as (UploadAnswer & { error?: { message: string } }) | null;
              if (!response.ok || !body) setError(body?.error?.message ?? `The upload failed (HTTP ${response.status}).`);
              else {
                setAnswer(body);
                router.refresh();
              }
            })
            .catch(() => setError("The upload did not reach Nightly. Check your connection and try again."))
            .finally(() => setPending(false));
        }}
      >
        <label>
          File (JSON array or one record per line) <input type="file" name="file" accept=".json,.ndjson,.jsonl,application/json,text/plain" required />
        </label>
        <label>
          Enrol them in{" "}
          <select name="studyId" defaultValue="">
            <option value="">no study</option>
            {studies.map((study) => (
              <option key={study.id} value={study.id}>
                {study.name}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? "Importing…" : "Import"}
          </button>
        </div>
      </form>
      {error ? (
        <p role="alert" className="notice notice-warn">
          {error}
        </p>
      ) : null}
      {answer ? <UploadResult answer={answer} /> : null}
    </div>
  );
}

function UploadResult({ answer }: { answer: UploadAnswer }) {
  if (answer.problems.length > 0) {
    return (
      <div role="alert" className="notice notice-bad stack" data-testid="import-problems">
        <p>
          <strong>Nothing was imported.</strong> {answer.problems.length} {answer.problems.length === 1 ? "record has a problem" : "records have problems"}; fix{" "}
          {answer.problems.length === 1 ? "it" : "them"} and import the whole file again.
        </p>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {answer.problems.map((problem, index) => (
                <tr key={index}>
                  <td>{problem.line}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  const provider = answer.providerName;
  return (
    <div role="status" className="notice notice-info stack" data-testid="import-result">
      <p>
        <strong>
          Imported {answer.imported.length} {answer.imported.length === 1 ? "record" : "records"}
        </strong>
        {answer.unchanged.length > 0 ? `; ${answer.unchanged.length} had been imported before and were left unchanged` : ""}.
        {provider ? ` The links lead to ${provider} consent.` : ""}
      </p>
      {answer.imported.length > 0 ? (
        <>
          <p>Copy or download the links now: each is shown only this once. Send each person their own link.</p>
          <p>
            <a
              className="button button-secondary button-small"
              download="reauthorization-links.csv"
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(answer.linksCsv)}`}
            >
              Download the links (CSV)
            </a>
          </p>
          <div className="table-scroll">
            <table data-testid="import-links">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Username</th>
                  <th scope="col">Link</th>
                </tr>
              </thead>
              <tbody>
                {answer.imported.map((entry) => (
                  <tr key={entry.username}>
                    <td>{entry.line}</td>
                    <td>{entry.username}</td>
                    <td>
                      <input readOnly value={entry.link} aria-label={`Link for ${entry.username}`} style={{ width: "100%", fontFamily: "monospace" }} onFocus={(event) => event.currentTarget.select()} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
