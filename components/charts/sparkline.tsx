"use client";

import { LocalDate } from "@/components/locale/local-date";
import { useFormat } from "@/components/locale/locale-provider";
import Link from "next/link";
import { SparkPlot, type SmallMultipleProps } from "./spark-plot";
import { ChartFigure, DataTable } from "./chart-figure";

export interface SparkPoint {
  date: string;
  value: number | null;
}

interface Props extends SmallMultipleProps {
  points: SparkPoint[];
}

/** A small multiple: one metric over the range, its average, and a link to the full page. */
export function Sparkline({ title, points, unit, kind, color, href, linkLabel, digits = 0 }: Props) {
  const f = useFormat();
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const average = values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  const latest = [...points].reverse().find((point) => point.value !== null);
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
      <SparkPlot
        data={points}
        dataKey="value"
        kind={kind}
        color={color}
        tooltip={{
          labelFormatter: (label) => f.date(String(label)),
          formatter: (value) => [`${f.upTo(Number(value), digits)} ${unit}`, title],
        }}
      />
    </ChartFigure>
  );
}
