import type { Metadata } from "next";
import { Suspense } from "react";
import { SleepView } from "@/components/dashboard/sleep-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireSelfPage } from "@/lib/authz/page";
import { cachedSleepRange } from "@/lib/queries/cached-ranges";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { getSleepNightDetail } from "@/lib/queries/sleep-night-detail";
import { packRange } from "@/lib/range-transport";
import { dateParam, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Sleep" };
export const dynamic = "force-dynamic";

export default async function SleepPage({ searchParams }: { searchParams: SearchParams }) {
  const { subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await cachedSleepRange(subject, range);
  const night = dateParam(params, "night") ?? initial.latestNight;
  const initialNight = night ? await getSleepNightDetail(subject, night) : null;
  return (
    <Suspense>
      <SleepView context={context} initial={packRange(initial)} initialNight={initialNight} />
    </Suspense>
  );
}
