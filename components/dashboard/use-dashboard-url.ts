"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { rangeFromSearchParams, rangeToParams, type DateRange } from "@/lib/api-schemas/range-rules";
import { isIsoDate } from "@/lib/dates";

/**
 * The dashboard's view state lives in the URL (?preset=30d or ?from&to, ?night=, ?day=) so a view
 * can be shared. Updates use history.replaceState, which Next.js syncs into useSearchParams
 * without a server round trip; TanStack Query then fetches the new range.
 */
export function useDashboardUrl(timezone: string | null) {
  const searchParams = useSearchParams();
  const { range, error } = useMemo(
    () => rangeFromSearchParams(Object.fromEntries(searchParams.entries()), timezone),
    [searchParams, timezone],
  );

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    },
    [searchParams],
  );

  const setRange = useCallback(
    (nextRange: DateRange) => update({ preset: null, from: null, to: null, night: null, day: null, ...rangeToParams(nextRange) }),
    [update],
  );

  // ?night= and ?day= are dates; anything else (?night=0001-01-01, ?day=junk) counts as absent.
  const dateParam = (key: string) => {
    const value = searchParams.get(key);
    return value !== null && isIsoDate(value) ? value : null;
  };
  return { range, rangeError: error, param: dateParam, update, setRange };
}

/** The range part of the current URL, for links between dashboard pages. */
export function rangeQueryString(range: DateRange): string {
  return new URLSearchParams(rangeToParams(range)).toString();
}
