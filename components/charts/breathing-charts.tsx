"use client";

import { LocalDate } from "@/components/locale/local-date";
import { useFormat } from "@/components/locale/locale-provider";
import { niceAxis } from "./nice-ticks";
import { Plot } from "./plot";
import type { BreathingRow } from "@/lib/api-schemas/breathing";
import { ChartFigure, DataTable, tooltipValue } from "./chart-figure";
import { AXIS_TICK, COLORS } from "./colors";
import { selectOnClick, useEnterToSelect } from "./enter-to-select";
import { wordsFor, type Audience } from "./audience";


/** Nightly breathing rate (full sleep), with the per-stage rates as thin lines. */
export function BreathingChart({ days, busy, onSelectNight, audience = "self" }: { days: BreathingRow[]; busy?: boolean; onSelectNight?: (date: string) => void; audience?: Audience }) {
  const words = wordsFor(audience);
  const f = useFormat();
  const keyboard = useEnterToSelect(onSelectNight);
  return (
    <ChartFigure
      title="Breathing rate"
      description={`Average breaths per minute during ${words.your} main sleep, dated by the morning ${words.you} woke up.${onSelectNight ? " Select a night for its rate by stage." : ""}`}
      busy={busy}
      legend={[
        { label: "Full sleep", color: COLORS.brand, shape: "line" },
        { label: "Deep sleep", color: COLORS.deep, shape: "dashed" },
        { label: "Light sleep", color: COLORS.light, shape: "dashed" },
        { label: "REM sleep", color: COLORS.rem, shape: "dashed" },
      ]}
      table={() => (
        <DataTable
          caption="Breathing rate per night (breaths per minute)"
          rows={days}
          rowKey={(day) => day.date}
          columns={[
            { label: "Date", value: (day) => <LocalDate date={day.date} /> },
            { label: "Full sleep", value: (day) => f.number(day.full, 1), numeric: true },
            { label: "Deep", value: (day) => f.number(day.deep, 1), numeric: true },
            { label: "Light", value: (day) => f.number(day.light, 1), numeric: true },
            { label: "REM", value: (day) => f.number(day.rem, 1), numeric: true },
          ]}
        />
      )}
    >
      <div className="chart-keys" onKeyDown={keyboard.onKeyDown}>
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.LineChart
              data={days}
              margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
              onClick={selectOnClick(onSelectNight)}
            >
              <R.ActiveLabelReporter onChange={keyboard.report} />
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={f.dayMonth} tick={AXIS_TICK} minTickGap={16} />
              <R.YAxis
                tick={AXIS_TICK}
                width={44}
                {...niceAxis(days.flatMap((day) => [day.full, day.deep, day.light, day.rem]))}
                tickFormatter={f.axis}
                label={{ value: "brpm", angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }} />
              <R.Tooltip separator=": " labelFormatter={(label) => f.date(String(label))} formatter={tooltipValue(f)} itemSorter={() => 0} />
              <R.Line dataKey="full" name="Full sleep" stroke={COLORS.brand} strokeWidth={2.5} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
              <R.Line dataKey="deep" name="Deep" stroke={COLORS.deep} strokeWidth={1} strokeDasharray="4 3" dot={false} connectNulls={false} isAnimationActive={false} />
              <R.Line dataKey="light" name="Light" stroke={COLORS.light} strokeWidth={1} strokeDasharray="4 3" dot={false} connectNulls={false} isAnimationActive={false} />
              <R.Line dataKey="rem" name="REM" stroke={COLORS.rem} strokeWidth={1} strokeDasharray="4 3" dot={false} connectNulls={false} isAnimationActive={false} />
            </R.LineChart>
          </R.ResponsiveContainer>
        )}
      />
      </div>
    </ChartFigure>
  );
}

/** One night's breathing rate by sleep stage (grouped bars; a missing stage has no bar). */
export function BreathingByStageChart({ day }: { day: BreathingRow }) {
  const f = useFormat();
  const data = [
    { stage: "Deep", value: day.deep, fill: COLORS.deep },
    { stage: "Light", value: day.light, fill: COLORS.light },
    { stage: "REM", value: day.rem, fill: COLORS.rem },
    { stage: "Full sleep", value: day.full, fill: COLORS.brand },
  ];
  return (
    <ChartFigure
      title="Breaths per minute by sleep stage"
      description={`Night ending ${f.date(day.date)}. A stage without a value has no bar.`}
      height={220}
      table={() => (
        <DataTable
          caption={`Breathing rate by stage, night ending ${f.date(day.date)}`}
          rows={data}
          rowKey={(row) => row.stage}
          columns={[
            { label: "Stage", value: (row) => row.stage },
            { label: "Breaths per minute", value: (row) => f.number(row.value, 1), numeric: true },
          ]}
        />
      )}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.BarChart data={data} margin={{ top: 22, right: 8, bottom: 4, left: 0 }}>
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="stage" tick={AXIS_TICK} />
              <R.YAxis tick={AXIS_TICK} width={44} {...niceAxis(data.map((row) => row.value), { fromZero: true })} tickFormatter={f.axis} />
              <R.Tooltip separator=": " formatter={tooltipValue(f)} />
              <R.Bar dataKey="value" name="Breaths per minute" isAnimationActive={false} label={{ position: "top", fontSize: 12, fill: "var(--ink)", formatter: (value: unknown) => f.upTo(Number(value), 1) }}>
                {data.map((row) => (
                  <R.Cell key={row.stage} fill={row.fill} />
                ))}
              </R.Bar>
            </R.BarChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}
