import type { Metadata } from "next";
import { Suspense } from "react";
import { BreathingView } from "@/components/dashboard/breathing-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireSelfPage } from "@/lib/authz/page";
import { getBreathingNight } from "@/lib/queries/breathing-night";
import { cachedBreathingRange } from "@/lib/queries/cached-ranges";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { packRange } from "@/lib/range-transport";
import { dateParam, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Breathing rate" };
export const dynamic = "force-dynamic";

export default async function BreathingPage({ searchParams }: { searchParams: SearchParams }) {
  const { subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await cachedBreathingRange(subject, range);
  // A grouped range carries no nights, so the chosen night comes on its own.
  const night = initial.bucket === "day" ? null : (dateParam(params, "night") ?? initial.latestNight);
  const initialNight = night ? await getBreathingNight(subject, night) : null;
  return (
    <Suspense>
      <BreathingView context={context} initial={packRange(initial)} initialNight={initialNight} />
    </Suspense>
  );
}
