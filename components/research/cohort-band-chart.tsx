"use client";

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK } from "@/components/charts/colors";
import { ChartFigure, DataTable } from "@/components/charts/chart-figure";
import { LocalDate } from "@/components/locale/local-date";
import { useFormat } from "@/components/locale/locale-provider";
import type { Band, CohortNight } from "@/lib/research/cohort-charts-types";

export interface BandSeries {
  title: string;
  description: string;
  unit: string;
  color: string;
  digits?: number;
  band: (night: CohortNight) => Band | null;
  count: (night: CohortNight) => number;
}

/** Median line inside the interquartile band, per night, with the same numbers as a table. */
export function CohortBandChart({ nights, series }: { nights: CohortNight[]; series: BandSeries }) {
  const f = useFormat();
  const digits = series.digits ?? 0;
  const data = nights.map((night) => {
    const band = series.band(night);
    return { date: night.date, median: band?.median ?? null, iqr: band ? [band.p25, band.p75] : null };
  });
  return (
    <ChartFigure
      title={series.title}
      description={series.description}
      height={220}
      legend={[
        { label: "Median across participants", color: series.color, shape: "line" },
        { label: "Middle half (25th–75th percentile)", color: series.color, shape: "band" },
      ]}
      table={() => (
        <DataTable
          caption={`${series.title} per night (${series.unit})`}
          rows={nights}
          rowKey={(night) => night.date}
          columns={[
            { label: "Night", value: (night) => <LocalDate date={night.date} /> },
            { label: "Participants", value: (night) => f.number(series.count(night)), numeric: true },
            { label: `25th percentile (${series.unit})`, value: (night) => f.number(series.band(night)?.p25, digits), numeric: true },
            { label: `Median (${series.unit})`, value: (night) => f.number(series.band(night)?.median, digits), numeric: true },
            { label: `75th percentile (${series.unit})`, value: (night) => f.number(series.band(night)?.p75, digits), numeric: true },
          ]}
        />
      )}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--line)" />
          <XAxis dataKey="date" tickFormatter={f.dayMonth} tick={AXIS_TICK} minTickGap={16} />
          <YAxis tick={AXIS_TICK} width={44} domain={["auto", "auto"]} label={{ value: series.unit, angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }} />
          <Tooltip separator=": "
            labelFormatter={(label) => f.date(String(label))}
            formatter={(value, name) => (Array.isArray(value) ? [`${f.number(Number(value[0]), digits)}–${f.number(Number(value[1]), digits)}`, name] : [f.number(Number(value), digits), name])}
          />
          <Area dataKey="iqr" name={`Middle half (${series.unit})`} fill={series.color} fillOpacity={0.22} stroke="none" connectNulls={false} isAnimationActive={false} />
          <Line dataKey="median" name={`Median (${series.unit})`} stroke={series.color} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
