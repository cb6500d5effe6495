"use client";

import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, COLORS } from "@/components/charts/colors";
import { ChartFigure, DataTable, tooltipValue } from "@/components/charts/chart-figure";
import { useFormat } from "@/components/locale/locale-provider";
import { formatterFor, type Formatter } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";
import type { CohortScatter } from "@/lib/research/cohort-charts-types";

/** In words, for the caption and screen readers: what the trend says. */
export function describeTrend(scatter: CohortScatter, f: Formatter = formatterFor(DEFAULT_LOCALE)): string {
  if (!scatter.trend) return `${f.number(scatter.total)} participant-nights with both values: too few for a trend line.`;
  const per100 = scatter.trend.slope * 100;
  const direction = Math.abs(per100) < 0.05 ? "no change" : `${f.number(Math.abs(per100), 1)} min ${per100 < 0 ? "less" : "more"} deep sleep`;
  const shown = scatter.points.length < scatter.total ? ` (a stable sample of ${f.number(scatter.points.length)} shown)` : "";
  return `${f.number(scatter.total)} participant-nights${shown}. Trend: ${direction} per 100 kcal more in the evening; R² ${f.number(scatter.trend.r2, 2)}. A trend across people is not an effect within a person.`;
}

/** Evening calories against that night's deep sleep, one dot per participant-night, with the least-squares line. */
export function CohortScatterChart({ scatter }: { scatter: CohortScatter }) {
  const f = useFormat();
  const line =
    scatter.trend && scatter.minCalories !== null && scatter.maxCalories !== null
      ? ([
          { x: scatter.minCalories, y: scatter.trend.intercept + scatter.trend.slope * scatter.minCalories },
          { x: scatter.maxCalories, y: scatter.trend.intercept + scatter.trend.slope * scatter.maxCalories },
        ] as const)
      : null;
  return (
    <ChartFigure
      title="Evening calories and deep sleep"
      description={`Calories logged at dinner and as an evening snack, against minutes of deep sleep the night after. ${describeTrend(scatter, f)}`}
      height={300}
      legend={[
        { label: "One participant-night", color: COLORS.calories, shape: "box" },
        { label: "Least-squares trend", color: COLORS.ink, shape: "dashed" },
      ]}
      table={() => (
        <DataTable
          caption="Evening calories and deep sleep, per participant-night"
          rows={[...scatter.points].sort((a, b) => a.eveningCalories - b.eveningCalories)}
          rowKey={(_, index) => String(index)}
          columns={[
            { label: "Evening calories (kcal)", value: (point) => f.number(point.eveningCalories), numeric: true },
            { label: "Deep sleep (min)", value: (point) => f.number(point.deepMinutes), numeric: true },
          ]}
        />
      )}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="var(--line)" />
          <XAxis type="number" dataKey="eveningCalories" name="Evening calories (kcal)" tick={AXIS_TICK} tickFormatter={f.axis} domain={["auto", "auto"]} label={{ value: "Evening calories (kcal)", position: "insideBottom", offset: -8, fill: "var(--muted)", fontSize: 12 }} />
          <YAxis type="number" dataKey="deepMinutes" name="Deep sleep (min)" tick={AXIS_TICK} tickFormatter={f.axis} width={52} label={{ value: "Deep sleep (min)", angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }} domain={["auto", "auto"]} />
          <Tooltip separator=": " cursor={{ strokeDasharray: "3 3" }} formatter={tooltipValue(f, 0)} />
          <Scatter data={scatter.points} fill={COLORS.calories} fillOpacity={0.55} isAnimationActive={false} />
          {line ? <ReferenceLine segment={line} stroke={COLORS.ink} strokeDasharray="6 4" strokeWidth={2} ifOverflow="extendDomain" /> : null}
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
