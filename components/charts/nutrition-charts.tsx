"use client";

import { LocalDate } from "@/components/locale/local-date";
import { useFormat } from "@/components/locale/locale-provider";
import { niceAxis } from "./nice-ticks";
import { selectOnClick } from "./enter-to-select";
import { Plot } from "./plot";
import type { MealsResult, NutritionRow } from "@/lib/api-schemas/nutrition";
import type { WaterUnit } from "@/lib/units";
import { ChartFigure, DataTable, tooltipValue } from "./chart-figure";
import { AXIS_TICK, COLORS } from "./colors";
import { wordsFor, type Audience } from "./audience";


interface Props {
  days: NutritionRow[];
  waterUnit: WaterUnit;
  busy?: boolean;
  onSelectDay?: (date: string) => void;
  /** "self" (default) or "researcher" (a participant's charts, read-only). */
  audience?: Audience;
}

/** Daily calories (bars) against the goal, macros in grams (lines, right axis), and water. */
export function NutritionChart({ days, waterUnit, busy, onSelectDay, audience = "self" }: Props) {
  const f = useFormat();
  // Google keeps no calorie goal: say nothing of a goal that is not drawn.
  const hasGoal = days.some((day) => day.calorieGoal !== null);
  return (
    <ChartFigure
      title="Nutrition"
      description={`Calories eaten per day (bars)${hasGoal ? ` and ${wordsFor(audience).your} calorie goal` : ""}; carbs, fat and protein in grams on the right axis.${onSelectDay ? " Select a day for its meals." : ""}`}
      busy={busy}
      height={300}
      legend={[
        { label: "Calories (kcal)", color: COLORS.calories },
        ...(hasGoal ? [{ label: "Calorie goal", color: COLORS.ink, shape: "dashed" as const }] : []),
        { label: "Carbs (g)", color: COLORS.carbs, shape: "line" },
        { label: "Fat (g)", color: COLORS.fat, shape: "line" },
        { label: "Protein (g)", color: COLORS.protein, shape: "line" },
      ]}
      table={() => (
        <DataTable
          caption={`Nutrition per day (water in ${waterUnit})`}
          rows={days}
          rowKey={(day) => day.date}
          columns={[
            { label: "Date", value: (day) => <LocalDate date={day.date} /> },
            { label: "Calories (kcal)", value: (day) => f.number(day.caloriesIn), numeric: true },
            { label: "Goal (kcal)", value: (day) => f.number(day.calorieGoal), numeric: true },
            { label: "Carbs (g)", value: (day) => f.number(day.carbsG), numeric: true },
            { label: "Fat (g)", value: (day) => f.number(day.fatG), numeric: true },
            { label: "Protein (g)", value: (day) => f.number(day.proteinG), numeric: true },
            { label: `Water (${waterUnit})`, value: (day) => f.number(day.water, waterUnit === "ml" ? 0 : 1), numeric: true },
          ]}
        />
      )}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.ComposedChart
              data={days}
              margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
              onClick={selectOnClick(onSelectDay)}
            >
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={f.dayMonth} tick={AXIS_TICK} minTickGap={16} />
              <R.YAxis yAxisId="kcal" tick={AXIS_TICK} width={58} {...niceAxis(days.flatMap((day) => [day.caloriesIn, day.calorieGoal]), { fromZero: true })} tickFormatter={f.axis} label={{ value: "kcal", angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }} />
              <R.YAxis yAxisId="g" orientation="right" tick={AXIS_TICK} width={44} {...niceAxis(days.flatMap((day) => [day.carbsG, day.fatG, day.proteinG]), { fromZero: true })} tickFormatter={f.axis} label={{ value: "g", angle: 90, position: "insideRight", fill: "var(--muted)", fontSize: 12 }} />
              <R.Tooltip separator=": " labelFormatter={(label) => f.date(String(label))} formatter={tooltipValue(f, 0)} itemSorter={() => 0} />
              <R.Bar yAxisId="kcal" dataKey="caloriesIn" name="Calories (kcal)" fill={COLORS.calories} fillOpacity={0.8} isAnimationActive={false} />
              <R.Line yAxisId="kcal" type="stepAfter" dataKey="calorieGoal" name="Goal (kcal)" stroke={COLORS.ink} strokeDasharray="5 4" dot={false} connectNulls={false} isAnimationActive={false} />
              <R.Line yAxisId="g" dataKey="carbsG" name="Carbs (g)" stroke={COLORS.carbs} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
              <R.Line yAxisId="g" dataKey="fatG" name="Fat (g)" stroke={COLORS.fat} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
              <R.Line yAxisId="g" dataKey="proteinG" name="Protein (g)" stroke={COLORS.protein} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            </R.ComposedChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}

/** Water per day in the person's unit. */
export function WaterChart({ days, waterUnit, busy }: Props) {
  const f = useFormat();
  return (
    <ChartFigure
      title="Water"
      description={`Water logged per day, in ${waterUnit}.`}
      busy={busy}
      height={180}
      legend={[{ label: `Water (${waterUnit})`, color: COLORS.water }]}
      table={() => (
        <DataTable
          caption={`Water per day (${waterUnit})`}
          rows={days}
          rowKey={(day) => day.date}
          columns={[
            { label: "Date", value: (day) => <LocalDate date={day.date} /> },
            { label: `Water (${waterUnit})`, value: (day) => f.number(day.water, waterUnit === "ml" ? 0 : 1), numeric: true },
          ]}
        />
      )}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.BarChart data={days} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
              <R.CartesianGrid vertical={false} stroke="var(--line)" />
              <R.XAxis dataKey="date" tickFormatter={f.dayMonth} tick={AXIS_TICK} minTickGap={16} />
              <R.YAxis tick={AXIS_TICK} width={52} {...niceAxis(days.map((day) => day.water), { fromZero: true })} tickFormatter={f.axis} />
              <R.Tooltip separator=": " labelFormatter={(label) => f.date(String(label))} formatter={(value) => [`${f.upTo(Number(value), waterUnit === "ml" ? 0 : 1)} ${waterUnit}`, "Water"]} />
              <R.Bar dataKey="water" name="Water" fill={COLORS.water} isAnimationActive={false} />
            </R.BarChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}

/** A day's food log by meal: calories per meal as bars, every entry in the table (shown first). */
export function MealsFigure({ meals, busy }: { meals: MealsResult; busy?: boolean }) {
  const f = useFormat();
  const data = meals.meals.map((meal) => ({ name: meal.name, calories: meal.totals.calories }));
  return (
    <ChartFigure
      title="Meals"
      description={`Food logged on ${f.date(meals.date)}: ${f.number(meals.totals.calories)} kcal${meals.calorieGoal ? ` of a ${f.number(meals.calorieGoal)} kcal goal` : ""}${meals.water !== null ? `, water ${f.number(meals.water, meals.waterUnit === "ml" ? 0 : 1)} ${meals.waterUnit}` : ""}.`}
      busy={busy}
      defaultTable
      height={220}
      legend={[{ label: "Calories per meal (kcal)", color: COLORS.calories }]}
      table={() => <MealTable meals={meals} />}
    >
      <Plot
        render={(R) => (
          <R.ResponsiveContainer width="100%" height="100%">
            <R.BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
              <R.CartesianGrid horizontal={false} stroke="var(--line)" />
              <R.XAxis type="number" tick={AXIS_TICK} tickFormatter={(value: number) => `${f.axis(value)} kcal`} />
              <R.YAxis type="category" dataKey="name" tick={AXIS_TICK} width={120} />
              <R.Tooltip separator=": " formatter={tooltipValue(f, 0)} />
              <R.Bar dataKey="calories" name="Calories (kcal)" fill={COLORS.calories} isAnimationActive={false} label={{ position: "right", fontSize: 12, fill: "var(--ink)", formatter: (value: unknown) => f.upTo(Number(value), 0) }} />
            </R.BarChart>
          </R.ResponsiveContainer>
        )}
      />
    </ChartFigure>
  );
}

function MealTable({ meals }: { meals: MealsResult }) {
  const f = useFormat();
  if (meals.meals.length === 0) return <p className="muted">No food was logged on {f.date(meals.date)}.</p>;
  return (
    <table>
      <caption>Food log for {f.date(meals.date)}, by meal</caption>
      <thead>
        <tr>
          <th scope="col">Food</th>
          <th scope="col" className="num">Amount</th>
          <th scope="col" className="num">Calories (kcal)</th>
          <th scope="col" className="num">Carbs (g)</th>
          <th scope="col" className="num">Fat (g)</th>
          <th scope="col" className="num">Protein (g)</th>
        </tr>
      </thead>
      {meals.meals.map((meal) => (
        <tbody key={meal.mealTypeId}>
          <tr>
            <th scope="rowgroup" colSpan={6} style={{ color: "var(--brand)", paddingTop: "0.8rem" }}>
              {meal.name}
            </th>
          </tr>
          {meal.entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">
                {entry.name}
                {entry.brand ? <span className="muted"> ({entry.brand})</span> : null}
              </th>
              <td className="num">
                {f.number(entry.amount, Number.isInteger(entry.amount) ? 0 : 1)} {entry.unitName}
              </td>
              <td className="num">{f.number(entry.calories)}</td>
              <td className="num">{f.number(entry.carbsG, 1)}</td>
              <td className="num">{f.number(entry.fatG, 1)}</td>
              <td className="num">{f.number(entry.proteinG, 1)}</td>
            </tr>
          ))}
          <tr className="meal-total">
            <th scope="row">{meal.name} total</th>
            <td />
            <td className="num">{f.number(meal.totals.calories)}</td>
            <td className="num">{f.number(meal.totals.carbsG, 1)}</td>
            <td className="num">{f.number(meal.totals.fatG, 1)}</td>
            <td className="num">{f.number(meal.totals.proteinG, 1)}</td>
          </tr>
        </tbody>
      ))}
      <tfoot>
        <tr className="meal-total">
          <th scope="row">Day total</th>
          <td />
          <td className="num">{f.number(meals.totals.calories)}</td>
          <td className="num">{f.number(meals.totals.carbsG, 1)}</td>
          <td className="num">{f.number(meals.totals.fatG, 1)}</td>
          <td className="num">{f.number(meals.totals.proteinG, 1)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
