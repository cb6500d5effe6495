import type { Metadata } from "next";
import { Suspense } from "react";
import { BreathingView } from "@/components/dashboard/breathing-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireUserPage } from "@/lib/auth/session";
import { getBreathing } from "@/lib/queries/breathing";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import type { SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Breathing rate" };
export const dynamic = "force-dynamic";

export default async function BreathingPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUserPage();
  const params = await searchParams;
  const context = await getDashboardContext(user.id);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await getBreathing(user.id, range);
  return (
    <Suspense>
      <BreathingView context={context} initial={initial} />
    </Suspense>
  );
}
