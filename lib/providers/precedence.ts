/**
 * Which provider's data is shown when a person has data from more than one for the same night
 * or day (docs/decisions/0005-provider-precedence.md): the Google Health API first — it is where
 * Fitbit accounts live now and the only source that keeps syncing — then the legacy Fitbit Web
 * API. Decided per person and calendar date, per metric, so a night is never counted twice and
 * never mixes two providers' numbers.
 */
import { FITBIT_PROVIDER_ID } from "./fitbit/id";
import { GOOGLE_HEALTH_PROVIDER_ID } from "./google/id";

export const PROVIDER_PRECEDENCE: readonly string[] = [GOOGLE_HEALTH_PROVIDER_ID, FITBIT_PROVIDER_ID];

function rank(provider: string): number {
  const index = PROVIDER_PRECEDENCE.indexOf(provider);
  return index === -1 ? PROVIDER_PRECEDENCE.length : index;
}

/**
 * Keeps, for every key (a calendar date), only the rows of the highest-precedence provider that
 * has rows for it. Order of the remaining rows is preserved.
 */
export function onePerKey<T extends { provider: string }>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  const best = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    const r = rank(row.provider);
    if (r < (best.get(key) ?? Number.POSITIVE_INFINITY)) best.set(key, r);
  }
  return rows.filter((row) => rank(row.provider) === best.get(keyOf(row)));
}
