"use client";

import type { ReactNode } from "react";
import type { DateRange } from "@/lib/api-schemas/range";
import { LocalDate } from "@/components/locale/local-date";
import { DownloadButtons } from "./download-buttons";
import { RangePicker } from "./range-picker";

/** Page title, the range picker, the range in words and "Download my data". */
export function DashboardHeader({
  title,
  range,
  rangeError,
  timezone,
  historyStart = null,
  onRangeChange,
  children,
}: {
  title: string;
  range: DateRange;
  rangeError: string | null;
  timezone: string | null;
  historyStart?: string | null;
  onRangeChange: (range: DateRange) => void;
  children?: ReactNode;
}) {
  return (
    <header className="dashboard-header stack">
      <h1>{title}</h1>
      <RangePicker range={range} timezone={timezone} historyStart={historyStart} onChange={onRangeChange} />
      {rangeError ? (
        <p role="alert" className="notice notice-warn">
          That range couldn&apos;t be used ({rangeError}), so the last 30 days are shown.
        </p>
      ) : null}
      <div className="actions range-summary">
        <p className="muted" aria-live="polite" data-testid="range-label">
          <LocalDate date={range.from} /> – <LocalDate date={range.to} />
        </p>
        <DownloadButtons range={range} />
      </div>
      {children}
    </header>
  );
}
