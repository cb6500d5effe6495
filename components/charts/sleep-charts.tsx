"use client";

import { LocalDate } from "@/components/locale/local-date";
import { useFormat } from "@/components/locale/locale-provider";
import { HOUR_STEPS, hourTick, niceAxis } from "./nice-ticks";
import { Plot } from "./plot";
import type { SleepNightRow } from "@/lib/api-schemas/sleep";
import { formatMinutes } from "@/lib/dates";
import { ChartFigure, DataTable, tooltipValue, type LegendItem } from "./chart-figure";
import { AXIS_TICK, COLORS } from "./colors";
import { selectOnClick, useEnterToSelect } from "./enter-to-select";
import { wordsFor, type Audience } from "./audience";


interface ChartProps {
  nights: SleepNightRow[];
  busy?: boolean;
  onSelectNight?: (date: string) => void;
  /** "self" (default) or "researcher" (a participant's charts, read-only). */
  audience?: Audience;
}


/** Nightly stage minutes (main sleep, stacked), classic nights and naps as their own segments, 30-day averages as lines. */
export function SleepStagesChart({ nights, busy, onSelectNight, audience = "self" }: ChartProps) {
  const f = useFormat();
  const data = nights.map((night) => ({
    ...night,
    classicAsleep: night.type === "classic" ? night.minutesAsleep : null,
  }));
  const legend: LegendItem[] = [
    { label: "Deep", color: COLORS.deep },
    { label: "Light", color: COLORS.light },
    { label: "REM", color: COLORS.rem },
    { label: "Awake", color: COLORS.wake },
    { label: "Asleep (classic log, no stages)", color: COLORS.classic },
    { label: "Naps", color: COLORS.nap },
    { label: "30-day average deep / light / REM / awake", color: COLORS.ink, shape: "dashed" },
  ];
  const keyboard = useEnterToSelect(onSelectNight);
  return (
    <ChartFigure
      title="Sleep stages"
      description={`Minutes per night (main sleep), dated by the morning ${wordsFor(audience).you} woke up.${onSelectNight ? " Select a night for its hypnogram." : ""}`}
      legend={legend}
      busy={busy}
      height={300}
      table={() => (
        <DataTable
          caption="Minutes in each sleep stage per night"
          rows={nights}
          rowKey={(night) => night.date}
          columns={[
            { label: "Date", value: (night) => <LocalDate date={night.date} /> },
            { label: "Deep", value: (night) => f.number(night.deep), numeric: true },
            { label: "Light", value: (night) => f.number(night.light), numeric: true },
            { label: "REM", value: (night) => f.number(night.rem), numeric: true },
            { label: "Wake", value: (night) => f.number(night.wake), numeric: true },
            { label: "Classic asleep", value: (night) => (night.type === "classic" ? f.number(night.minutesAsleep) : "—"), numeric: true },
            { label: "Naps", value: (night) => f.number(night.napMinutesAsleep), numeric: true },
          ]}
        />
      )}
    >
      <div className="chart-keys" onKeyDown={keyboard.onKeyDown}>
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} onClick={selectOnClick(onSelectNight)}>
              <R.ActiveLabelReporter onChange={keyboard.report} />
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={f.dayMonth} tick={AXIS_TICK} minTickGap={16} />
              <R.YAxis tick={AXIS_TICK} width={44} {...niceAxis(data.map((night) => (night.deep ?? 0) + (night.light ?? 0) + (night.rem ?? 0) + (night.wake ?? 0) + (night.classicAsleep ?? 0) + (night.napMinutesAsleep ?? 0)), { fromZero: true })} label={{ value: "min", angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }} />
              <R.Tooltip content={<StagesTooltip />} />
              <R.Bar dataKey="deep" name="Deep" stackId="night" fill={COLORS.deep} isAnimationActive={false} />
              <R.Bar dataKey="light" name="Light" stackId="night" fill={COLORS.light} isAnimationActive={false} />
              <R.Bar dataKey="rem" name="REM" stackId="night" fill={COLORS.rem} isAnimationActive={false} />
              <R.Bar dataKey="wake" name="Awake" stackId="night" fill={COLORS.wake} isAnimationActive={false} />
              <R.Bar dataKey="classicAsleep" name="Asleep (classic)" stackId="night" fill={COLORS.classic} isAnimationActive={false} />
              <R.Bar dataKey="napMinutesAsleep" name="Naps" stackId="night" fill={COLORS.nap} isAnimationActive={false} />
              {(["avgDeep", "avgLight", "avgRem", "avgWake"] as const).map((key, index) => (
                <R.Line
                  key={key}
                  dataKey={key}
                  name={`30-day avg ${["deep", "light", "REM", "awake"][index]}`}
                  stroke={[COLORS.deep, COLORS.light, COLORS.rem, COLORS.wake][index]}
                  strokeDasharray="5 3"
                  strokeWidth={2}
                  dot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </R.ComposedChart>
          </R.ResponsiveContainer>
        )}
      />
      </div>
    </ChartFigure>
  );
}

/** Time asleep (hours, main sleep; naps separately) and efficiency (%) per night. */
export function TimeAsleepChart({ nights, busy, onSelectNight }: ChartProps) {
  const f = useFormat();
  const data = nights.map((night) => ({
    date: night.date,
    hours: night.minutesAsleep === null ? null : Math.round((night.minutesAsleep / 60) * 100) / 100,
    napHours: night.napMinutesAsleep === null ? null : Math.round((night.napMinutesAsleep / 60) * 100) / 100,
    efficiency: night.efficiency,
  }));
  const keyboard = useEnterToSelect(onSelectNight);
  return (
    <ChartFigure
      title="Time asleep and efficiency"
      description="Efficiency = time asleep ÷ time in bed for the main sleep."
      busy={busy}
      legend={[
        { label: "Time asleep (hours)", color: COLORS.brand, shape: "line" },
        { label: "Naps (hours)", color: COLORS.nap },
        { label: "Efficiency (%)", color: COLORS.accent, shape: "dashed" },
      ]}
      table={() => (
        <DataTable
          caption="Time asleep and efficiency per night"
          rows={nights}
          rowKey={(night) => night.date}
          columns={[
            { label: "Date", value: (night) => <LocalDate date={night.date} /> },
            { label: "Time asleep", value: (night) => formatMinutes(night.minutesAsleep), numeric: true },
            { label: "Minutes asleep", value: (night) => f.number(night.minutesAsleep), numeric: true },
            { label: "Time in bed (min)", value: (night) => f.number(night.timeInBed), numeric: true },
            { label: "Efficiency (%)", value: (night) => f.number(night.efficiency), numeric: true },
            { label: "Naps (min)", value: (night) => f.number(night.napMinutesAsleep), numeric: true },
          ]}
        />
      )}
    >
      <div className="chart-keys" onKeyDown={keyboard.onKeyDown}>
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} onClick={selectOnClick(onSelectNight)}>
              <R.ActiveLabelReporter onChange={keyboard.report} />
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={f.dayMonth} tick={AXIS_TICK} minTickGap={16} />
              <R.YAxis yAxisId="hours" tick={AXIS_TICK} width={60} {...niceAxis(data.flatMap((night) => [night.hours, night.napHours]), { fromZero: true, steps: HOUR_STEPS })} tickFormatter={hourTick} />
              <R.YAxis yAxisId="pct" orientation="right" tick={AXIS_TICK} width={40} domain={[50, 100]} unit="%" />
              <R.Tooltip separator=": " labelFormatter={(label) => f.date(String(label))} formatter={(value, name) => (String(name).endsWith(" (h)") ? [formatMinutes(Number(value) * 60), String(name).slice(0, -4)] : tooltipValue(f, 0)(value, name))} itemSorter={() => 0} />
              <R.Bar yAxisId="hours" dataKey="napHours" name="Naps (h)" fill={COLORS.nap} barSize={8} isAnimationActive={false} />
              <R.Line yAxisId="hours" dataKey="hours" name="Time asleep (h)" stroke={COLORS.brand} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
              <R.Line yAxisId="pct" dataKey="efficiency" name="Efficiency (%)" stroke={COLORS.accent} strokeWidth={2} strokeDasharray="5 3" dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
            </R.ComposedChart>
          </R.ResponsiveContainer>
        )}
      />
      </div>
    </ChartFigure>
  );
}

const TOOLTIP_STAGES = [
  { key: "deep", label: "Deep" },
  { key: "light", label: "Light" },
  { key: "rem", label: "REM" },
  { key: "wake", label: "Awake" },
] as const;

/** One night for people: the stages in sleep order (not alphabetical), time asleep in hours, naps apart. */
function StagesTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: SleepNightRow }> }) {
  const f = useFormat();
  const night = payload?.[0]?.payload;
  if (!active || !night) return null;
  return (
    <div className="chart-tooltip">
      <strong>{f.date(night.date)}</strong>
      {night.type === "stages"
        ? TOOLTIP_STAGES.map((stage) => (
            <div key={stage.key}>
              {stage.label} {f.number(night[stage.key])} min
            </div>
          ))
        : null}
      <div>{night.minutesAsleep === null ? "No main sleep" : `Asleep ${formatMinutes(night.minutesAsleep)}${night.type === "classic" ? " (classic log, no stages)" : ""}`}</div>
      {night.napMinutesAsleep ? <div>Naps {formatMinutes(night.napMinutesAsleep)}</div> : null}
    </div>
  );
}
