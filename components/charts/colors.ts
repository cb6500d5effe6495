/** Chart colours: CSS variables from app/globals.css (design tokens). */
export const COLORS = {
  deep: "var(--deep)",
  light: "var(--light)",
  rem: "var(--rem)",
  wake: "var(--wake)",
  asleep: "var(--light)",
  restless: "var(--rem)",
  awake: "var(--wake)",
  classic: "var(--classic)",
  nap: "var(--nap)",
  accent: "var(--accent)",
  brand: "var(--brand)",
  muted: "var(--muted)",
  ink: "var(--ink)",
  carbs: "var(--carbs)",
  fat: "var(--fat)",
  protein: "var(--protein)",
  water: "var(--water)",
  calories: "var(--calories)",
} as const;

export const AXIS_TICK = { fontSize: 12, fill: "var(--muted)" } as const;
