"use client";

import { useFormat } from "@/components/locale/locale-provider";
import { HOUR_STEPS, hourTick, niceAxis } from "./nice-ticks";
import { Plot } from "./plot";
import { ChartFigure, DataTable } from "./chart-figure";
import { toGroupedPoints, type Bucket, type GroupedPoint } from "./aggregate";
import { AXIS_TICK, COLORS } from "./colors";
import { BUCKET_WORD } from "./bucket-word";
import type { BucketStats } from "@/lib/api-schemas/grouped";
import type { Formatter } from "@/lib/locale/format";

const tickFor = (bucket: Bucket, f: Formatter) => (bucket === "month" ? f.monthTick : f.dayMonth);

interface Props {
  title: string;
  /** What one value is, e.g. "hours asleep per night". */
  what: string;
  unit: string;
  /** The server's weekly or monthly buckets (lib/range-buckets.ts). */
  periods: BucketStats[];
  /** Converts the buckets' unit to the drawn one (e.g. 1/60: minutes drawn as hours). */
  scale?: number;
  bucket: Exclude<Bucket, "day">;
  color?: string;
  digits?: number;
  /** Formats a value for tooltips and the table (default: number + unit). */
  format?: (value: number) => string;
  busy?: boolean;
  /** What one value belongs to: a night (sleep, HRV, breathing) or a day (food and water). */
  per?: "night" | "day";
}

/** A long range as weekly or monthly medians with the interquartile range as a band. */
export function GroupedSeriesChart({
  title,
  what,
  unit,
  periods,
  scale,
  bucket,
  color = COLORS.brand,
  digits = 1,
  format,
  busy,
  per = "night",
}: Props) {
  const f = useFormat();
  // Labels are written here, in the person's locale (the server's buckets are locale-free).
  const grouped = toGroupedPoints(periods, bucket, scale, (start) => f.bucket(start, bucket));
  const show = format ?? ((value: number) => `${f.number(value, digits)} ${unit}`);
  const word = BUCKET_WORD[bucket];
  return (
    <ChartFigure
      title={title}
      description={`${word.adjective} median of ${what}; the band is the middle half of the ${word.noun}'s ${per}s (25th–75th percentile).`}
      busy={busy}
      legend={[
        { label: `${word.adjective} median`, color, shape: "line" },
        { label: `Middle half of ${per}s`, color, shape: "band" },
      ]}
      table={() => (
        <GroupedTable
          caption={`${title}: ${word.noun}ly median and range`}
          rows={grouped}
          show={show}
          countLabel={per === "day" ? "Days" : "Nights"}
        />
      )}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.ComposedChart data={grouped} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={tickFor(bucket, f)} tick={AXIS_TICK} minTickGap={20} />
              <R.YAxis
                tick={AXIS_TICK}
                width={unit === "h" ? 64 : 52}
                {...niceAxis(grouped.flatMap((point) => [point.p25, point.median, point.p75]), unit === "h" ? { steps: HOUR_STEPS } : undefined)}
                tickFormatter={unit === "h" ? hourTick : f.axis}
                // Hour ticks carry their unit ("7h 15m"); a separate "h" would only crowd them.
                label={unit === "h" ? undefined : { value: unit, angle: -90, position: "insideLeft", offset: 4, fill: "var(--muted)", fontSize: 12, dy: 20 }}
              />
              <R.Tooltip content={<GroupedTooltip show={show} per={per} />} />
              <R.Area
                dataKey="band"
                fill={color}
                fillOpacity={0.2}
                stroke="none"
                isAnimationActive={false}
                connectNulls={false}
              />
              <R.Line
                dataKey="median"
                stroke={color}
                strokeWidth={2.5}
                dot={{ r: 3 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            </R.ComposedChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}

function GroupedTooltip({
  active,
  payload,
  show,
  per,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: GroupedPoint }>;
  show: (value: number) => string;
  per: "night" | "day";
}) {
  const f = useFormat();
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <strong>{point.label}</strong>
      <br />
      {point.median === null ? (
        `No ${per}s`
      ) : (
        <>
          Median {show(point.median)}
          <br />
          Middle half {show(point.p25!)}–{show(point.p75!)} · {f.number(point.count)} {per}
          {point.count === 1 ? "" : "s"}
        </>
      )}
    </div>
  );
}

function GroupedTable({
  caption,
  rows,
  show,
  countLabel,
}: {
  caption: string;
  rows: GroupedPoint[];
  show: (value: number) => string;
  countLabel: string;
}) {
  const f = useFormat();
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(row) => row.date}
      columns={[
        { label: "Period", value: (row) => <time dateTime={row.date}>{row.label}</time> },
        { label: countLabel, value: (row) => f.number(row.count), numeric: true },
        {
          label: "Median",
          value: (row) => (row.median === null ? "—" : show(row.median)),
          numeric: true,
        },
        {
          label: "25th percentile",
          value: (row) => (row.p25 === null ? "—" : show(row.p25)),
          numeric: true,
        },
        {
          label: "75th percentile",
          value: (row) => (row.p75 === null ? "—" : show(row.p75)),
          numeric: true,
        },
      ]}
    />
  );
}

const STAGES = [
  { key: "deep", label: "Deep", color: COLORS.deep },
  { key: "light", label: "Light", color: COLORS.light },
  { key: "rem", label: "REM", color: COLORS.rem },
  { key: "wake", label: "Awake", color: COLORS.wake },
] as const;


/** Sleep stages over a long range: each week's (or month's) median minutes per stage as 100 % stacked bars. */
export function GroupedStageSharesChart({
  stages,
  bucket,
  busy,
}: {
  /** Each stage's minutes per bucket (the server's buckets, the same starts for every stage). */
  stages: Record<(typeof STAGES)[number]["key"], BucketStats[]>;
  bucket: Exclude<Bucket, "day">;
  busy?: boolean;
}) {
  const f = useFormat();
  const perStage = STAGES.map((stage) => toGroupedPoints(stages[stage.key], bucket, 1, (start) => f.bucket(start, bucket)));
  const rows = perStage[0]!.map((point, index) => {
    const medians = STAGES.map((_, stageIndex) => perStage[stageIndex]![index]!.median);
    const total = medians.reduce<number>((sum, value) => sum + (value ?? 0), 0);
    const share = (value: number | null) =>
      value === null || total === 0 ? null : Math.round((value / total) * 1000) / 10;
    return {
      date: point.date,
      label: f.bucket(point.date, bucket),
      count: point.count,
      deep: share(medians[0]!),
      light: share(medians[1]!),
      rem: share(medians[2]!),
      wake: share(medians[3]!),
    };
  });
  const word = BUCKET_WORD[bucket];
  return (
    <ChartFigure
      title="Sleep stages"
      description={`Share of each stage in a typical night of the ${word.noun} (medians of the nights with stages).`}
      busy={busy}
      height={300}
      legend={STAGES.map((stage) => ({ label: stage.label, color: stage.color }))}
      table={() => (
        <DataTable
          caption={`Sleep stage shares per ${word.noun} (%)`}
          rows={rows}
          rowKey={(row) => row.date}
          columns={[
            { label: "Period", value: (row) => <time dateTime={row.date}>{row.label}</time> },
            { label: "Nights", value: (row) => f.number(row.count), numeric: true },
            ...STAGES.map((stage) => ({
              label: `${stage.label} (%)`,
              value: (row: (typeof rows)[number]) => f.number(row[stage.key], 1),
              numeric: true,
            })),
          ]}
        />
      )}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.BarChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={tickFor(bucket, f)} tick={AXIS_TICK} minTickGap={20} />
              <R.YAxis
                tick={AXIS_TICK}
                width={52}
                domain={[0, 100]}
                ticks={[0, 25, 50, 75, 100]}
                tickFormatter={(value: number) => `${value} %`}
              />
              <R.Tooltip separator=": "
                labelFormatter={(_, payload) =>
                  String((payload?.[0]?.payload as { label?: string } | undefined)?.label ?? "")
                }
                formatter={(value, name) => [`${f.number(Number(value), 1)} %`, name]}
                itemSorter={() => 0}
              />
              {STAGES.map((stage) => (
                <R.Bar
                  key={stage.key}
                  dataKey={stage.key}
                  name={stage.label}
                  stackId="shares"
                  fill={stage.color}
                  isAnimationActive={false}
                />
              ))}
            </R.BarChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}
