"use client";

import { useState, type FormEvent } from "react";
import { checkRangeQuery, MAX_RANGE_DAYS, PRESETS, PRESET_LABELS, resolveRange, type DateRange } from "@/lib/api-schemas/range-rules";
import { formatDayLabel, localToday } from "@/lib/dates";

interface Props {
  range: DateRange;
  timezone: string | null;
  onChange: (range: DateRange) => void;
}

/** Preset buttons (7 d, 30 d, 90 d, 1 y) and a custom from/to range with Apply. */
export function RangePicker({ range, timezone, onChange }: Props) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [shown, setShown] = useState(range);
  if (shown.from !== range.from || shown.to !== range.to) {
    setShown(range);
    setFrom(range.from);
    setTo(range.to);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const parsed = checkRangeQuery({ from, to });
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    // A range wholly in the future is refused; one that runs past today is clamped, and says so.
    const today = localToday(timezone);
    const chosen = resolveRange(parsed.query, timezone);
    if (chosen.from > today) {
      setError(`Those dates are all in the future. Choose a start date on or before today (${formatDayLabel(today, true)}).`);
      return;
    }
    if (chosen.to > today) {
      setNote(`There is no data after today, so the range ends on ${formatDayLabel(today, true)}.`);
      onChange({ ...chosen, to: today });
      return;
    }
    setNote(null);
    onChange(chosen);
  }

  return (
    <div className="range-picker">
      <div role="group" aria-label="Date range" className="preset-group">
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="chip"
            aria-pressed={range.preset === preset}
            onClick={() => {
              setError(null);
              setNote(null);
              onChange(resolveRange({ preset }, timezone));
            }}
          >
            {PRESET_LABELS[preset]}
          </button>
        ))}
      </div>
      <form className="custom-range" onSubmit={apply} aria-label="Custom dates" noValidate>
        <label>
          From <input type="date" name="from" value={from} onChange={(event) => setFrom(event.target.value)} required />
        </label>
        <label>
          To <input type="date" name="to" value={to} onChange={(event) => setTo(event.target.value)} required />
        </label>
        <button type="submit" className="button button-secondary button-small">
          Apply
        </button>
      </form>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : note ? (
        <p role="status" className="range-hint">
          {note}
        </p>
      ) : (
        <p className="muted range-hint">Custom ranges up to {MAX_RANGE_DAYS} days.</p>
      )}
    </div>
  );
}
