"use client";

import { LocalDate } from "@/components/locale/local-date";
import { useFormat } from "@/components/locale/locale-provider";
import { niceAxis } from "./nice-ticks";
import { Plot } from "./plot";
import type { HrvReading, HrvRow } from "@/lib/api-schemas/hrv";
import { localTimeToMs } from "@/lib/dates";
import { ChartFigure, DataTable, tooltipValue } from "./chart-figure";
import { clockTimeline } from "./clock-timeline";
import { AXIS_TICK, COLORS } from "./colors";
import { selectOnClick, useEnterToSelect } from "./enter-to-select";
import { wordsFor, type Audience } from "./audience";


/** Daily and deep-sleep RMSSD with the personal baseline band (30 prior days, mean ± 1 SD). */
export function HrvChart({ days, busy, onSelectNight, audience = "self" }: { days: HrvRow[]; busy?: boolean; onSelectNight?: (date: string) => void; audience?: Audience }) {
  const words = wordsFor(audience);
  const f = useFormat();
  const data = days.map((day) => ({
    ...day,
    band: day.baselineLow !== null && day.baselineHigh !== null ? [day.baselineLow, day.baselineHigh] : null,
  }));
  const keyboard = useEnterToSelect(onSelectNight);
  return (
    <ChartFigure
      title="Heart rate variability"
      description={`RMSSD in milliseconds during ${words.your} main sleep. The band is ${words.your} usual range: the average of the 30 nights before each night ± 1 standard deviation (shown once 7 nights are available).${onSelectNight ? " Select a night for its 5-minute readings." : ""}`}
      busy={busy}
      legend={[
        { label: "Nightly RMSSD", color: COLORS.brand, shape: "line" },
        { label: "Deep-sleep RMSSD", color: COLORS.deep, shape: "dashed" },
        { label: "Personal baseline (mean ± 1 SD)", color: COLORS.accent, shape: "band" },
      ]}
      table={() => (
        <DataTable
          caption="Heart rate variability per night (ms)"
          rows={days}
          rowKey={(day) => day.date}
          columns={[
            { label: "Date", value: (day) => <LocalDate date={day.date} /> },
            { label: "Nightly RMSSD (ms)", value: (day) => f.number(day.dailyRmssd, 1), numeric: true },
            { label: "Deep RMSSD (ms)", value: (day) => f.number(day.deepRmssd, 1), numeric: true },
            { label: "Baseline low (ms)", value: (day) => f.number(day.baselineLow, 1), numeric: true },
            { label: "Baseline high (ms)", value: (day) => f.number(day.baselineHigh, 1), numeric: true },
          ]}
        />
      )}
    >
      <div className="chart-keys" onKeyDown={keyboard.onKeyDown}>
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.ComposedChart
              data={data}
              margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
              onClick={selectOnClick(onSelectNight)}
            >
              <R.ActiveLabelReporter onChange={keyboard.report} />
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={f.dayMonth} tick={AXIS_TICK} minTickGap={16} />
              <R.YAxis tick={AXIS_TICK} width={44} {...niceAxis(days.flatMap((day) => [day.dailyRmssd, day.deepRmssd, day.baselineLow, day.baselineHigh]))} tickFormatter={f.axis} label={{ value: "ms", angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }} />
              <R.Tooltip separator=": " labelFormatter={(label) => f.date(String(label))} formatter={tooltipValue(f)} itemSorter={() => 0} />
              <R.Area dataKey="band" name="Baseline (ms)" fill={COLORS.accent} fillOpacity={0.18} stroke="none" connectNulls={false} isAnimationActive={false} />
              <R.Line dataKey="dailyRmssd" name="Nightly RMSSD (ms)" stroke={COLORS.brand} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
              <R.Line dataKey="deepRmssd" name="Deep RMSSD (ms)" stroke={COLORS.deep} strokeDasharray="5 3" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            </R.ComposedChart>
          </R.ResponsiveContainer>
        )}
      />
      </div>
    </ChartFigure>
  );
}

/** One night's 5-minute RMSSD readings (gaps where a window is missing). */
export function NightHrvChart({ date, readings, busy }: { date: string; readings: HrvReading[]; busy?: boolean }) {
  const f = useFormat();
  const timeline = clockTimeline(readings.map((reading) => localTimeToMs(reading.minute)), 5 * 60_000);
  const data = readings.map((reading, index) => ({ ...reading, t: timeline.xs[index] ?? 0 }));
  return (
    <ChartFigure
      title="Night HRV"
      description={`RMSSD per 5-minute window, night ending ${f.date(date)}.`}
      busy={busy}
      height={220}
      legend={[{ label: "RMSSD per 5 minutes", color: COLORS.brand, shape: "line" }]}
      table={() => (
        <DataTable
          caption={`5-minute HRV readings, night ending ${f.date(date)}`}
          rows={readings.filter((reading) => reading.rmssd !== null)}
          rowKey={(reading) => reading.minute}
          columns={[
            { label: "Time", value: (reading) => f.clock(localTimeToMs(reading.minute)) },
            { label: "RMSSD (ms)", value: (reading) => f.number(reading.rmssd, 1), numeric: true },
            { label: "Coverage (%)", value: (reading) => (reading.coverage === null ? "—" : f.number(reading.coverage * 100)), numeric: true },
            { label: "HF", value: (reading) => f.number(reading.hf, 1), numeric: true },
            { label: "LF", value: (reading) => f.number(reading.lf, 1), numeric: true },
          ]}
        />
      )}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis type="number" dataKey="t" domain={["dataMin", "dataMax"]} ticks={timeline.ticks} tickFormatter={(value: number) => f.clockTick(timeline.wallAt(value))} tick={AXIS_TICK} />
              <R.YAxis tick={AXIS_TICK} width={44} tickFormatter={f.axis} label={{ value: "ms", angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }} />
              <R.Tooltip separator=": " labelFormatter={(label) => f.clock(timeline.wallAt(Number(label)))} formatter={tooltipValue(f)} />
              <R.Line dataKey="rmssd" name="RMSSD (ms)" stroke={COLORS.brand} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            </R.LineChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}
