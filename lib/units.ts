/**
 * Units per the person's Fitbit unit system. Water is stored in ml; US shows fl oz, metric and UK
 * show ml. Macros stay in grams and sodium in mg everywhere (as Fitbit reports them).
 */
export type UnitSystem = "METRIC" | "US" | "UK";
export type WaterUnit = "ml" | "fl oz";

export const ML_PER_US_FL_OZ = 29.5735295625;

export function waterUnitFor(system: UnitSystem): WaterUnit {
  return system === "US" ? "fl oz" : "ml";
}

/** Water in the person's unit: whole ml, or fl oz to one decimal. */
export function convertWater(ml: number, system: UnitSystem): number {
  if (waterUnitFor(system) === "fl oz") return Math.round((ml / ML_PER_US_FL_OZ) * 10) / 10;
  return Math.round(ml);
}

export function formatWater(ml: number | null | undefined, system: UnitSystem): string {
  if (ml === null || ml === undefined) return "—";
  return `${convertWater(ml, system).toLocaleString("en-GB")} ${waterUnitFor(system)}`;
}

/** Rounds to `digits` decimals, keeping null. */
export function round(value: number | null | undefined, digits = 1): number | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
