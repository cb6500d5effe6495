"use client";

import { useState, type FormEvent } from "react";
import { checkRangeQuery, MAX_RANGE_DAYS, PRESETS, PRESET_LABELS, resolveRange, type DateRange } from "@/lib/api-schemas/range-rules";
import { localToday } from "@/lib/dates";
import { useFormat } from "@/components/locale/locale-provider";
import { clampRange } from "./clamp-range";

interface Props {
  range: DateRange;
  timezone: string | null;
  /** The first day of the person's history, when known: earlier custom dates are clamped to it. */
  historyStart?: string | null;
  onChange: (range: DateRange) => void;
}

/** Preset buttons (7 d, 30 d, 90 d, 1 y) and a custom from/to range with Apply. */
export function RangePicker({ range, timezone, historyStart = null, onChange }: Props) {
  const { locale } = useFormat();
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
    const clamped = clampRange(resolveRange(parsed.query, timezone), localToday(timezone), historyStart, locale);
    if (!clamped.ok) {
      setError(clamped.error);
      return;
    }
    setNote(clamped.note);
    onChange(clamped.range);
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
