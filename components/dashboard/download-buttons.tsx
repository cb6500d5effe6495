import type { DateRange } from "@/lib/api-schemas/range";

/** "Download my data" for the chosen range: plain links, the API answers with an attachment. */
export function DownloadButtons({ range }: { range: DateRange }) {
  const href = (format: "csv" | "json") =>
    `/api/me/export?${new URLSearchParams({ format, from: range.from, to: range.to }).toString()}`;
  return (
    <div className="actions download" role="group" aria-label="Download my data">
      <span className="muted">Download my data</span>
      <a className="button button-secondary button-small" href={href("csv")} download>
        Download CSV
      </a>
      <a className="button button-secondary button-small" href={href("json")} download>
        Download JSON
      </a>
    </div>
  );
}
