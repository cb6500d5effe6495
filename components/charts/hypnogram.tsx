"use client";

import { Plot } from "./plot";
import type { SleepLevel, SleepLogDetail, SleepSegment } from "@/lib/api-schemas/sleep";
import { useFormat } from "@/components/locale/locale-provider";
import { localTimeToMs } from "@/lib/dates";
import { ChartFigure, DataTable, type LegendItem } from "./chart-figure";
import { placeSegments, placeShortWakes } from "./hypnogram-layout";
import { AXIS_TICK, COLORS } from "./colors";

const STAGE_ROWS: SleepLevel[] = ["deep", "light", "rem", "wake"];
const CLASSIC_ROWS: SleepLevel[] = ["asleep", "restless", "awake"];
const LABELS: Record<SleepLevel, string> = {
  deep: "Deep",
  light: "Light",
  rem: "REM",
  wake: "Awake",
  asleep: "Asleep",
  restless: "Restless",
  awake: "Awake",
};

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

interface Point {
  t: number;
  wall: number;
  y: number;
  level: SleepLevel;
  seconds: number;
}

/**
 * One sleep log over time: coloured bands per level (one row each), a step line joining them, and
 * short wakes (≤ 3 min) as marks on the wake row. Classic logs keep their own levels.
 */
export function Hypnogram({ log, title = "Hypnogram", busy }: { log: SleepLogDetail; title?: string; busy?: boolean }) {
  const f = useFormat();
  const classic = log.type === "classic";
  const rows = classic ? CLASSIC_ROWS : STAGE_ROWS;
  const rowOf = (level: SleepLevel) => Math.max(0, rows.indexOf(level));
  const { placed, total, wallAt, xOfWall, ticks } = placeSegments(log);
  const points: Point[] = placed.map((segment) => ({
    t: segment.x,
    wall: segment.wall,
    y: rowOf(segment.level),
    level: segment.level,
    seconds: segment.seconds,
  }));
  const last = points.at(-1);
  if (last) points.push({ ...last, t: last.t + last.seconds * 1000, wall: last.wall + last.seconds * 1000, seconds: 0 });
  const wakeRow = rows.length - 1;
  const shortWakeXs = placeShortWakes(xOfWall, log.shortWakes);

  const legend: LegendItem[] = rows.map((level) => ({ label: LABELS[level], color: COLORS[level as keyof typeof COLORS] }));
  if (!classic) legend.push({ label: "Short wake (≤ 3 min)", color: "var(--short-wake)", shape: "tick" });

  const description = classic ? (
    <strong>Classic log — no stages.</strong>
  ) : (
    `${log.shortWakes.length} short wake${log.shortWakes.length === 1 ? "" : "s"} marked on the Awake row.`
  );

  return (
    <ChartFigure
      title={title}
      description={description}
      legend={legend}
      busy={busy}
      height={classic ? 200 : 240}
      table={() => <HypnogramTable log={log} />}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
              <R.CartesianGrid horizontal={false} stroke="var(--line)" />
              <R.XAxis
                type="number"
                dataKey="t"
                domain={[0, total]}
                ticks={ticks}
                tickFormatter={(value: number) => f.clockTick(wallAt(value))}
                tick={AXIS_TICK}
              />
              <R.YAxis
                type="number"
                domain={[-0.5, rows.length - 0.5]}
                ticks={rows.map((_, index) => index)}
                tickFormatter={(value: number) => LABELS[rows[value] ?? "wake"]}
                tick={AXIS_TICK}
                width={64}
              />
              {placed.map((segment) => {
                const x1 = segment.x;
                const y = rowOf(segment.level);
                return (
                  <R.ReferenceArea
                    key={`${segment.x}`}
                    x1={x1}
                    x2={x1 + segment.seconds * 1000}
                    y1={y - 0.42}
                    y2={y + 0.42}
                    fill={COLORS[segment.level as keyof typeof COLORS]}
                    fillOpacity={1}
                    stroke="none"
                    ifOverflow="hidden"
                  />
                );
              })}
              {shortWakeXs.map(({ wake, at }) => {
                const x = at + (wake.seconds * 1000) / 2;
                return (
                  <R.ReferenceLine
                    key={`short-${wake.start}`}
                    segment={[
                      { x, y: wakeRow - 0.45 },
                      { x, y: wakeRow + 0.45 },
                    ]}
                    stroke="var(--short-wake)"
                    strokeWidth={2}
                    ifOverflow="hidden"
                  />
                );
              })}
              <R.Line type="stepAfter" dataKey="y" stroke="var(--ink)" strokeOpacity={0.35} strokeWidth={1} dot={false} isAnimationActive={false} />
              <R.Tooltip content={<SegmentTooltip />} />
            </R.ComposedChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}

function SegmentTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Point }> }) {
  const f = useFormat();
  const point = payload?.[0]?.payload;
  if (!active || !point || point.seconds === 0) return null;
  return (
    <div className="chart-tooltip">
      <strong>{LABELS[point.level]}</strong> from {f.clock(point.wall, true)} for {formatDuration(point.seconds)}
    </div>
  );
}

function HypnogramTable({ log }: { log: SleepLogDetail }) {
  const f = useFormat();
  const columns = [
    { label: "Start", value: (segment: SleepSegment) => f.clock(localTimeToMs(segment.start), true) },
    { label: "Level", value: (segment: SleepSegment) => LABELS[segment.level] },
    { label: "Duration", value: (segment: SleepSegment) => formatDuration(segment.seconds), numeric: true },
  ];
  return (
    <>
      <DataTable
        caption={`Sleep levels from ${f.clock(localTimeToMs(log.startLocal))} to ${f.clock(localTimeToMs(log.endLocal))}${log.type === "classic" ? " (classic log — no stages)" : ""}`}
        columns={columns}
        rows={log.segments}
        rowKey={(segment) => segment.start}
      />
      {log.shortWakes.length > 0 ? (
        <DataTable caption="Short wakes (3 minutes or less)" columns={columns} rows={log.shortWakes} rowKey={(segment) => `s-${segment.start}`} />
      ) : null}
    </>
  );
}
