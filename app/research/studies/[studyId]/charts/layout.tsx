import type { ReactNode } from "react";
import { requireStudyPage } from "@/lib/authz/page";

/**
 * The access check again, above loading.tsx: the loading boundary starts streaming a 200 before
 * the page runs, so a refusal or sign-in redirect from the page alone would arrive inside a 200.
 * Checked here, a stranger gets a real 404 and a signed-out browser a real redirect.
 */
export default async function CohortChartsLayout({ children, params }: { children: ReactNode; params: Promise<{ studyId: string }> }) {
  const { studyId } = await params;
  await requireStudyPage(studyId, `/research/studies/${studyId}/charts`);
  return children;
}
