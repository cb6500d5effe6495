"use client";

import { useCallback, useEffect, useRef, type KeyboardEvent } from "react";
import { useActiveTooltipLabel } from "recharts";

/** Rendered inside a recharts chart: reports the bar or point the keyboard (arrow keys) is on. */
function ActiveLabelReporter({ onChange }: { onChange: (label: string | null) => void }) {
  const label = useActiveTooltipLabel();
  useEffect(() => onChange(typeof label === "string" ? label : null), [label, onChange]);
  return null;
}

/**
 * Enter on a focused chart opens the night the arrow keys are on (recharts' accessibility layer
 * moves the active point; it has no "activate" of its own). Returns the reporter to place inside
 * the chart and the key handler for the element around it.
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
  return { reporter: <ActiveLabelReporter onChange={report} />, onKeyDown };
}
