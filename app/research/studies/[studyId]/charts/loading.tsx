/** Shown while the cohort aggregates are computed. */
export default function Loading() {
  return (
    <div className="stack" aria-busy="true">
      <h1>Cohort charts</h1>
      <div className="chart-skeleton" role="status">
        Computing the cohort’s nights…
      </div>
    </div>
  );
}
