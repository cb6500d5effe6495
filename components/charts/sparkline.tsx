"use client";

import Link from "next/link";
import { Bar, BarChart, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDayLabel } from "@/lib/dates";
import { ChartFigure, DataTable, num } from "./chart-figure";

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
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const average = values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  const latest = [...points].reverse().find((point) => point.value !== null);
  const common = { data: points, margin: { top: 4, right: 4, bottom: 0, left: 4 } };
  const tooltip = <Tooltip labelFormatter={(label) => formatDayLabel(String(label), true)} formatter={(value) => [`${value} ${unit}`, title]} />;
  return (
    <ChartFigure
      title={title}
      height={110}
      description={
        <span>
          {latest ? `Latest ${num(latest.value, digits)} ${unit}` : "No values yet"}
          {average !== null ? ` · average ${num(average, digits)} ${unit}` : ""} · <Link href={href}>{linkLabel}</Link>
        </span>
      }
      table={() => (
        <DataTable
          caption={`${title} (${unit})`}
          rows={points}
          rowKey={(point) => point.date}
          columns={[
            { label: "Date", value: (point) => point.date },
            { label: unit, value: (point) => num(point.value, digits), numeric: true },
          ]}
        />
      )}
    >
      <ResponsiveContainer width="100%" height="100%">
        {kind === "bar" ? (
          <BarChart {...common}>
            <XAxis dataKey="date" hide />
            <YAxis hide domain={[0, "auto"]} />
            {tooltip}
            <Bar dataKey="value" fill={color} isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart {...common}>
            <XAxis dataKey="date" hide />
            <YAxis hide domain={["auto", "auto"]} />
            {tooltip}
            <Line dataKey="value" stroke={color} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        )}
      </ResponsiveContainer>
    </ChartFigure>
  );
}
