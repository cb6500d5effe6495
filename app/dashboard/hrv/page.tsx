import type { Metadata } from "next";
import { Suspense } from "react";
import { HrvView } from "@/components/dashboard/hrv-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireSelfPage } from "@/lib/authz/page";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { getHrv } from "@/lib/queries/hrv";
import { getHrvNight } from "@/lib/queries/hrv-intraday";
import { ensureHrvIntradayNight } from "@/lib/sync/on-demand";
import { dateParam, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Heart rate variability" };
export const dynamic = "force-dynamic";

export default async function HrvPage({ searchParams }: { searchParams: SearchParams }) {
  const { user, subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await getHrv(subject, range);
  const night = dateParam(params, "night") ?? initial.latestNight;
  // An older night opened by link gets its 5-minute readings now; a spent hourly quota just
  // leaves the night without them (the API route explains that when asked again).
  if (night) await ensureHrvIntradayNight(user.id, night).catch(() => undefined);
  const initialNight = night ? await getHrvNight(subject, night) : null;
  return (
    <Suspense>
      <HrvView context={context} initial={initial} initialNight={initialNight} />
    </Suspense>
  );
}
