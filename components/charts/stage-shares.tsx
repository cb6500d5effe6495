import type { StageShares } from "@/lib/api-schemas/overview";

const STAGES = [
  { key: "deep", label: "Deep", color: "var(--deep)" },
  { key: "light", label: "Light", color: "var(--light)" },
  { key: "rem", label: "REM", color: "var(--rem)" },
  { key: "wake", label: "Awake", color: "var(--wake)" },
] as const;

/**
 * Stage shares as 100 % stacked bars, one per row (e.g. last night and your usual), with the
 * percentages written in each segment's legend so colour is never the only cue. Data comes in
 * as props: usable for any subject (participant or researcher view).
 */
export function StageShareBars({
  rows,
  title = "Sleep stages",
}: {
  rows: { label: string; shares: StageShares }[];
  title?: string;
}) {
  return (
    <figure className="stage-shares" aria-label={title}>
      <table className="visually-hidden">
        <caption>{title} (% of time in bed)</caption>
        <thead>
          <tr>
            <th scope="col">Night</th>
            {STAGES.map((stage) => (
              <th key={stage.key} scope="col">
                {stage.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {STAGES.map((stage) => (
                <td key={stage.key}>{row.shares[stage.key]} %</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div aria-hidden="true" className="stage-share-rows">
        {rows.map((row) => (
          <div key={row.label} className="stage-share-row">
            <span className="stage-share-label">{row.label}</span>
            <div className="stage-share-bar">
              {STAGES.map((stage) => (
                <span
                  key={stage.key}
                  style={{ width: `${row.shares[stage.key]}%`, background: stage.color }}
                  title={`${stage.label} ${row.shares[stage.key]} %`}
                />
              ))}
            </div>
            <span className="stage-share-values">
              {STAGES.map((stage) => `${stage.label} ${Math.round(row.shares[stage.key])} %`).join(
                " · ",
              )}
            </span>
          </div>
        ))}
      </div>
    </figure>
  );
}
