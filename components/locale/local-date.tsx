"use client";

import { useFormat } from "./locale-provider";

/** A calendar date for people ("29 Nov 2026" in their locale), machine-readable in `dateTime`. */
export function LocalDate({ date, short = false }: { date: string; short?: boolean }) {
  const format = useFormat();
  return <time dateTime={date}>{short ? format.dayMonth(date) : format.date(date)}</time>;
}
