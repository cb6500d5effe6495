"use client";

import Link from "next/link";
import { useFormat } from "@/components/locale/locale-provider";
import type { BucketStats, LongBucket } from "@/lib/api-schemas/grouped";
import { toGroupedPoints } from "./aggregate";
import { ChartFigure, DataTable } from "./chart-figure";
import { BUCKET_WORD } from "./bucket-word";
import { SparkPlot, type SmallMultipleProps } from "./spark-plot";

interface Props extends SmallMultipleProps {
  /** The server's weekly or monthly buckets of one metric. */
  periods: BucketStats[];
  bucket: LongBucket;
  /** Converts the buckets' unit to the drawn one (e.g. 1/60: minutes drawn as hours). */
  scale?: number;
}

/** The overview's small multiple over a long range: one bar (or point) per week or month, its median. */
export function GroupedSparkline({ title, periods, bucket, scale, unit, kind, color, href, linkLabel, digits = 0 }: Props) {
  const f = useFormat();
  const points = toGroupedPoints(periods, bucket, scale, (start) => f.bucket(start, bucket));
  const latest = [...points].reverse().find((point) => point.median !== null);
  const word = BUCKET_WORD[bucket];
  const tooltip = {
    labelFormatter: (_: unknown, payload: ReadonlyArray<{ payload?: { label?: string } }>) => String(payload[0]?.payload?.label ?? ""),
    formatter: (value: unknown) => [`${f.number(Number(value), digits)} ${unit}`, `${word.adjective} median`] as [string, string],
  };
  return (
    <ChartFigure
      title={title}
      height={110}
      description={
        <span>
          {word.adjective} medians
          {latest ? ` · latest ${f.number(latest.median, digits)} ${unit} (${latest.label})` : " · no values yet"} · <Link href={href}>{linkLabel}</Link>
        </span>
      }
      table={() => (
        <DataTable
          caption={`${title}: ${word.adjective.toLowerCase()} median (${unit})`}
          rows={points}
          rowKey={(point) => point.date}
          columns={[
            { label: word.heading, value: (point) => point.label },
            { label: "Days with a value", value: (point) => f.number(point.count), numeric: true },
            { label: `Median (${unit})`, value: (point) => f.number(point.median, digits), numeric: true },
          ]}
        />
      )}
    >
      <SparkPlot data={points} dataKey="median" kind={kind} color={color} tooltip={tooltip} />
    </ChartFigure>
  );
}
