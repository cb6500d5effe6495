"use client";

import { useId, useState, type ReactNode } from "react";
import { useOnline } from "@/components/use-online";
import type { Formatter } from "@/lib/locale/format";

export interface LegendItem {
  label: string;
  color: string;
  /** How the series is drawn, so colour is never the only cue. */
  shape?: "box" | "line" | "dashed" | "tick" | "band";
}

interface Props {
  /** The accessible name (figcaption). */
  title: string;
  description?: ReactNode;
  legend?: LegendItem[];
  /** Renders the same numbers as an HTML table. */
  table: () => ReactNode;
  busy?: boolean;
  defaultTable?: boolean;
  height?: number;
  children: ReactNode;
}

/** A chart as a named `<figure>` with a "Show table" / "Show chart" toggle and a text legend. */
export function ChartFigure({
  title,
  description,
  legend,
  table,
  busy = false,
  defaultTable = false,
  height = 280,
  children,
}: Props) {
  const id = useId();
  const [showTable, setShowTable] = useState(defaultTable);
  const online = useOnline();
  return (
    <figure className="chart-figure card" aria-labelledby={`${id}-caption`} aria-busy={busy}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <button
        type="button"
        className="chip chart-toggle"
        aria-pressed={showTable}
        onClick={() => setShowTable((value) => !value)}
      >
        {showTable ? "Show chart" : "Show table"}
      </button>
      {description ? <div className="chart-description muted">{description}</div> : null}
      <div className="chart-body">
        {showTable ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title} table`}>
            {table()}
          </div>
        ) : (
          <div className="chart-canvas" style={{ height }}>
            {children}
          </div>
        )}
      </div>
      {legend && !showTable ? <Legend items={legend} /> : null}
      {busy ? (
        <p className="chart-busy muted" role="status">
          {online
            ? "Loading the new range… (dimmed: the previous range)"
            : "You are offline: this is the previous range, dimmed. It updates when you are back online."}
        </p>
      ) : null}
    </figure>
  );
}

export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="22" height="12" aria-hidden="true">
            {item.shape === "line" || item.shape === "dashed" ? (
              <line
                x1="1"
                y1="6"
                x2="21"
                y2="6"
                stroke={item.color}
                strokeWidth="3"
                strokeDasharray={item.shape === "dashed" ? "4 3" : undefined}
              />
            ) : item.shape === "tick" ? (
              <line x1="11" y1="0" x2="11" y2="12" stroke={item.color} strokeWidth="3" />
            ) : (
              <rect
                x="1"
                y="1"
                width="20"
                height="10"
                rx="2"
                fill={item.color}
                fillOpacity={item.shape === "band" ? 0.3 : 1}
              />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export interface Column<Row> {
  label: string;
  value: (row: Row) => ReactNode;
  numeric?: boolean;
}

/** The table behind a chart: a `<caption>`, header cells with scope, rows in time order. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)}>
            {columns.map((column, columnIndex) =>
              columnIndex === 0 ? (
                <th key={column.label} scope="row">
                  {column.value(row)}
                </th>
              ) : (
                <td key={column.label} className={column.numeric ? "num" : undefined}>
                  {column.value(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A Recharts tooltip formatter for people: values in their locale (1,234.5 / 1.234,5), a band
 * ([low, high]) as "40.1–52.3", and a series named "Calories (kcal)" read as "Calories: 2,306 kcal".
 */
export function tooltipValue(f: Formatter, digits = 1) {
  return (value: unknown, name?: unknown): [string, string] => {
    const text = Array.isArray(value)
      ? value.map((part) => f.upTo(Number(part), digits)).join("–")
      : typeof value === "number"
        ? f.upTo(value, digits)
        : String(value ?? "—");
    const label = String(name ?? "");
    const unit = /^(.*) \(([^()]+)\)$/.exec(label);
    return unit ? [`${text} ${unit[2]}`, unit[1]!] : [text, label];
  };
}
