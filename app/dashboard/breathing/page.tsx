import type { Metadata } from "next";
import { Suspense } from "react";
import { BreathingView } from "@/components/dashboard/breathing-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireSelfPage } from "@/lib/authz/page";
import { getBreathing } from "@/lib/queries/breathing";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import type { SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Breathing rate" };
export const dynamic = "force-dynamic";

export default async function BreathingPage({ searchParams }: { searchParams: SearchParams }) {
  const { subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await getBreathing(subject, range);
  return (
    <Suspense>
      <BreathingView context={context} initial={initial} />
    </Suspense>
  );
}
