import type { Metadata } from "next";
import { Suspense } from "react";
import { HrvView } from "@/components/dashboard/hrv-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireSelfPage } from "@/lib/authz/page";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { cachedHrvRange } from "@/lib/queries/cached-ranges";
import { getHrvNight } from "@/lib/queries/hrv-intraday";
import { packRange } from "@/lib/range-transport";
import { dateParam, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Heart rate variability" };
export const dynamic = "force-dynamic";

export default async function HrvPage({ searchParams }: { searchParams: SearchParams }) {
  const { subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await cachedHrvRange(subject, range);
  const night = dateParam(params, "night") ?? initial.latestNight;
  // Reads only: an older night without readings is fetched by the client (POST), since opening
  // a page must not spend the person's provider quota.
  const initialNight = night ? await getHrvNight(subject, night) : null;
  return (
    <Suspense>
      <HrvView context={context} initial={packRange(initial)} initialNight={initialNight} />
    </Suspense>
  );
}
