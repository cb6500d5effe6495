"use client";

import { LocalDate } from "@/components/locale/local-date";
import { useFormat } from "@/components/locale/locale-provider";
import Link from "next/link";
import { Plot } from "./plot";
import { ChartFigure, DataTable } from "./chart-figure";

export interface SparkPoint {
  date: string;
  value: number | null;
}

interface Props {
  title: string;
  points: SparkPoint[];
  unit: string;
  kind: "bar" | "line";
  color: string;
  href: string;
  linkLabel: string;
  digits?: number;
}

/** A small multiple: one metric over the range, its average, and a link to the full page. */
export function Sparkline({ title, points, unit, kind, color, href, linkLabel, digits = 0 }: Props) {
  const f = useFormat();
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const average = values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  const latest = [...points].reverse().find((point) => point.value !== null);
  const common = { data: points, margin: { top: 4, right: 4, bottom: 0, left: 4 } };
  return (
    <ChartFigure
      title={title}
      height={110}
      description={
        <span>
          {latest ? `Latest ${f.number(latest.value, digits)} ${unit}` : "No values yet"}
          {average !== null ? ` · average ${f.number(average, digits)} ${unit}` : ""} · <Link href={href}>{linkLabel}</Link>
        </span>
      }
      table={() => (
        <DataTable
          caption={`${title} (${unit})`}
          rows={points}
          rowKey={(point) => point.date}
          columns={[
            { label: "Date", value: (point) => <LocalDate date={point.date} /> },
            { label: unit, value: (point) => f.number(point.value, digits), numeric: true },
          ]}
        />
      )}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            {kind === "bar" ? (
              <R.BarChart {...common}>
                <R.XAxis dataKey="date" hide />
                <R.YAxis hide domain={[0, "auto"]} />
                <R.Tooltip separator=": " labelFormatter={(label) => f.date(String(label))} formatter={(value) => [`${f.upTo(Number(value), digits)} ${unit}`, title]} />
                <R.Bar dataKey="value" fill={color} isAnimationActive={false} />
              </R.BarChart>
            ) : (
              <R.LineChart {...common}>
                <R.XAxis dataKey="date" hide />
                <R.YAxis hide domain={["auto", "auto"]} />
                <R.Tooltip separator=": " labelFormatter={(label) => f.date(String(label))} formatter={(value) => [`${f.upTo(Number(value), digits)} ${unit}`, title]} />
                <R.Line dataKey="value" stroke={color} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
              </R.LineChart>
            )}
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}
