"use client";

import { useEffect, useState } from "react";
import { useFormat } from "./locale-provider";

const TICK_MS = 30_000;

/**
 * "3 hours ago" / "vor 3 Stunden" in the person's locale, kept current while the page stays open.
 * The locale is the server's (no mismatch there); only the clock can differ between the server's
 * render and hydration (a minute boundary crossed in between), which is what
 * suppressHydrationWarning is for: the next tick writes the browser's own "now".
 */
export function RelativeTime({ value }: { value: Date | string }) {
  const f = useFormat();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const moment = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={moment.toISOString()} suppressHydrationWarning>
      {f.relative(moment, now)}
    </time>
  );
}
