import type { Metadata } from "next";
import { Suspense } from "react";
import { NutritionView } from "@/components/dashboard/nutrition-view";
import { rangeFromSearchParams } from "@/lib/api-schemas/range";
import { requireSelfPage } from "@/lib/authz/page";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { getMeals } from "@/lib/queries/meals";
import { cachedNutritionRange } from "@/lib/queries/cached-ranges";
import { packRange } from "@/lib/range-transport";
import { dateParam, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Nutrition" };
export const dynamic = "force-dynamic";

export default async function NutritionPage({ searchParams }: { searchParams: SearchParams }) {
  const { subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const initial = await cachedNutritionRange(subject, range, context.unitSystem);
  const day = dateParam(params, "day") ?? initial.latestDay;
  const initialMeals = day ? await getMeals(subject, day, context.unitSystem) : null;
  return (
    <Suspense>
      <NutritionView context={context} initial={packRange(initial)} initialMeals={initialMeals} />
    </Suspense>
  );
}
