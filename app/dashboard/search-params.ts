import { isIsoDate } from "@/lib/dates";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A `yyyy-MM-dd` search param (?night=, ?day=), or null when absent or malformed. */
export function dateParam(params: Record<string, string | string[] | undefined>, key: string): string | null {
  const value = params[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first && isIsoDate(first) ? first : null;
}
