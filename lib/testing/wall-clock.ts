/**
 * Tests: `HH:mm:ss` (or `HH:mm` with `seconds: false`) of a wall-clock millisecond value, the
 * machine form chart tests compare ticks in (people see lib/locale/format.ts's clock instead).
 */
export function formatClock(ms: number, seconds = true): string {
  return new Date(ms).toISOString().slice(11, seconds ? 19 : 16);
}
