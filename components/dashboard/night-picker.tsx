"use client";

import { useSyncExternalStore } from "react";
import { useFormat } from "@/components/locale/locale-provider";

interface Props {
  label: string;
  /** Dates with data, oldest first. */
  dates: string[];
  value: string | null;
  onChange: (date: string) => void;
}

const subscribeToNothing = () => () => {};

/**
 * True once hydrated in the browser, false while rendering on the server and hydrating (React's
 * hydration-safe way to tell, with no effect and no mismatch).
 */
const useHydrated = () =>
  useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

/** Choose a night (or day): previous / next buttons and a select of the dates that have data. */
export function NightPicker({ label, dates, value, onChange }: Props) {
  const f = useFormat();
  const hydrated = useHydrated();
  const index = value ? dates.indexOf(value) : -1;
  const previous = index > 0 ? dates[index - 1] : index === -1 ? dates.at(-1) : undefined;
  const next = index >= 0 && index < dates.length - 1 ? dates[index + 1] : undefined;
  // The server writes only the chosen option: a year's ~365 would be a third of the page's HTML,
  // and the select does nothing before hydration anyway. The full list follows right after it.
  const options = !hydrated
    ? value
      ? [value]
      : []
    : value && index === -1
      ? [...dates, value].sort()
      : dates;
  return (
    <div className="actions night-picker">
      <button
        type="button"
        className="chip"
        disabled={!previous}
        onClick={() => previous && onChange(previous)}
        aria-label={`Previous ${label.toLowerCase()}`}
      >
        ← Previous
      </button>
      <label>
        <span className="visually-hidden">{label}</span>
        <select value={value ?? ""} onChange={(event) => onChange(event.target.value)}>
          {value === null ? <option value="">Choose…</option> : null}
          {[...options].reverse().map((date) => (
            <option key={date} value={date}>
              {f.date(date)}
              {/* Only the chosen date can be missing from `dates` (a year has ~365: no search per option). */}
              {index === -1 && date === value ? " (outside the range)" : ""}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="chip"
        disabled={!next}
        onClick={() => next && onChange(next)}
        aria-label={`Next ${label.toLowerCase()}`}
      >
        Next →
      </button>
    </div>
  );
}
