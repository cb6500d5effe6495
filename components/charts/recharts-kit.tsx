"use client";

/**
 * The only module of the participant's charts that imports recharts (a test keeps it so). It is
 * loaded lazily by ./plot.tsx, so recharts (~110 KB compressed, the largest library on a page)
 * never weighs on a dashboard page's first load.
 */
import { useEffect, type ReactNode } from "react";
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  useActiveTooltipLabel,
} from "recharts";

/** Rendered inside a chart: reports the bar or point the keyboard (arrow keys) is on. */
function ActiveLabelReporter({ onChange }: { onChange: (label: string | null) => void }) {
  const label = useActiveTooltipLabel();
  useEffect(() => onChange(typeof label === "string" ? label : null), [label, onChange]);
  return null;
}

const kit = {
  ActiveLabelReporter,
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
};

export type RechartsKit = typeof kit;

export default function PlotRenderer({ render }: { render: (kit: RechartsKit) => ReactNode }) {
  return <>{render(kit)}</>;
}
