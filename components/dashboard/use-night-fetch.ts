"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { HrvNightResult } from "@/lib/api-schemas/hrv";
import { fetchJson } from "./fetch-json";

/**
 * An older night shown without its 5-minute HRV (`fetchable`) is fetched from the provider once,
 * with a POST (it spends the person's hourly quota), and the answer replaces the night's query.
 */
export function useHrvNightFetch(night: HrvNightResult | undefined) {
  const client = useQueryClient();
  const tried = useRef(new Set<string>());
  const mutation = useMutation({
    mutationFn: (date: string) => fetchJson<HrvNightResult>("/api/me/hrv/night", { date }, "POST"),
    onSuccess: (data) => client.setQueryData(["hrv-night", data.date], data),
  });
  const { mutate } = mutation;
  useEffect(() => {
    if (!night?.fetchable || tried.current.has(night.date)) return;
    tried.current.add(night.date);
    mutate(night.date);
  }, [night?.fetchable, night?.date, mutate]);
  return mutation;
}
