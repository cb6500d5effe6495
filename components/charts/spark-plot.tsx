"use client";

import { Plot } from "./plot";

/** What every small multiple on the overview takes besides its data. */
export interface SmallMultipleProps {
  title: string;
  unit: string;
  kind: "bar" | "line";
  color: string;
  /** The metric's own page, and the link's words. */
  href: string;
  linkLabel: string;
  digits?: number;
}

interface Props<T extends object> {
  data: T[];
  /** The field drawn (the x axis is always `date`). */
  dataKey: string;
  kind: SmallMultipleProps["kind"];
  color: string;
  /** Recharts Tooltip props: how a hovered point is labelled and valued. */
  tooltip: {
    labelFormatter: (label: unknown, payload: ReadonlyArray<{ payload?: T }>) => string;
    formatter: (value: unknown) => [string, string];
  };
}

/** The plot inside a small multiple: bars from zero or a line, no axes, nulls left as gaps. */
export function SparkPlot<T extends object>({ data, dataKey, kind, color, tooltip }: Props<T>) {
  const common = { data, margin: { top: 4, right: 4, bottom: 0, left: 4 } };
  return (
    <Plot
      render={(R) => (
        <R.ResponsiveContainer width="100%" height="100%">
          {kind === "bar" ? (
            <R.BarChart {...common}>
              <R.XAxis dataKey="date" hide />
              <R.YAxis hide domain={[0, "auto"]} />
              <R.Tooltip separator=": " {...tooltip} />
              <R.Bar dataKey={dataKey} fill={color} isAnimationActive={false} />
            </R.BarChart>
          ) : (
            <R.LineChart {...common}>
              <R.XAxis dataKey="date" hide />
              <R.YAxis hide domain={["auto", "auto"]} />
              <R.Tooltip separator=": " {...tooltip} />
              <R.Line dataKey={dataKey} stroke={color} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            </R.LineChart>
          )}
        </R.ResponsiveContainer>
      )}
    />
  );
}
