"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { rangeToParams, type DateRange } from "@/lib/api-schemas/range-rules";
import { RangePicker } from "./range-picker";

/** The overview is rendered on the server: a new range re-renders it via router.replace (no full reload). */
export function OverviewRange({ range, timezone, historyStart = null }: { range: DateRange; timezone: string | null; historyStart?: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div aria-busy={pending}>
      <RangePicker
        range={range}
        timezone={timezone}
        historyStart={historyStart}
        onChange={(next) => startTransition(() => router.replace(`?${new URLSearchParams(rangeToParams(next)).toString()}`, { scroll: false }))}
      />
    </div>
  );
}
