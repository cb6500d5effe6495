"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { RangeBucket } from "@/lib/api-schemas/grouped";
import type { DateRange } from "@/lib/api-schemas/range";
import { unpackRange, type PackedRange } from "@/lib/range-transport";
import { fetchJson } from "./fetch-json";

/**
 * A range-keyed query whose first page comes from the server: `initial` is used as initialData only
 * for the range it was rendered for. Other ranges fetch, keeping the previous chart until they land.
 * The page sends `initial` packed (lib/range-transport.ts); it is unpacked here into the API's shape.
 */
export function useRangeQuery<T extends { from: string; to: string; bucket: RangeBucket }>(
  name: string,
  path: string,
  range: DateRange,
  packed: PackedRange<T>,
  options: { syncing?: boolean } = {},
) {
  const initial = useMemo(() => unpackRange<T>(packed), [packed]);
  const isInitial = initial.from === range.from && initial.to === range.to;
  return useQuery({
    queryKey: [name, range.from, range.to],
    queryFn: () => fetchJson<T>(path, { from: range.from, to: range.to }),
    initialData: isInitial ? initial : undefined,
    // The page was opened mid-sync (often the very first one): pick up nights as they arrive.
    refetchInterval: options.syncing ? SYNC_POLL_MS : false,
    placeholderData: keepPreviousData,
  });
}

const SYNC_POLL_MS = 5_000;

/** A date-keyed query (one night or day), seeded the same way. */
export function useDateQuery<T extends { date: string }>(
  name: string,
  path: string,
  date: string | null,
  initial: T | null,
) {
  return useQuery({
    queryKey: [name, date],
    queryFn: () => fetchJson<T>(path, { date: date ?? "" }),
    enabled: date !== null,
    initialData: initial && initial.date === date ? initial : undefined,
  });
}
