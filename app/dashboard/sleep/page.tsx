import type { Metadata } from "next";
import { Suspense } from "react";
import { SleepView } from "@/components/dashboard/sleep-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireUserPage } from "@/lib/auth/session";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { getSleepNightDetail } from "@/lib/queries/sleep-night-detail";
import { getSleepNights } from "@/lib/queries/sleep-nights";
import { dateParam, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Sleep" };
export const dynamic = "force-dynamic";

export default async function SleepPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUserPage();
  const params = await searchParams;
  const context = await getDashboardContext(user.id);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await getSleepNights(user.id, range);
  const night = dateParam(params, "night") ?? initial.latestNight;
  const initialNight = night ? await getSleepNightDetail(user.id, night) : null;
  return (
    <Suspense>
      <SleepView context={context} initial={initial} initialNight={initialNight} />
    </Suspense>
  );
}
