"use client";

import { useCallback, useRef, type KeyboardEvent } from "react";

/**
 * Enter on a focused chart opens the night the arrow keys are on (recharts' accessibility layer
 * moves the active point; it has no "activate" of its own). Returns `report`, for the chart's
 * `<R.ActiveLabelReporter onChange={report} />`, and the key handler for the element around it.
 */
export function useEnterToSelect(onSelect?: (date: string) => void) {
  const active = useRef<string | null>(null);
  const report = useCallback((label: string | null) => {
    active.current = label;
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && onSelect && active.current) {
      event.preventDefault();
      onSelect(active.current);
    }
  };
  return { report, onKeyDown };
}

/** A chart's onClick: opens the date of the bar or point clicked (recharts reports it as activeLabel). */
export function selectOnClick(onSelect?: (date: string) => void) {
  return (state: { activeLabel?: string | number }) => {
    if (onSelect && typeof state.activeLabel === "string") onSelect(state.activeLabel);
  };
}
