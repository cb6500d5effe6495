import "server-only";
import { METRICS, type Metric } from "@/lib/api-schemas/dashboard";
import { fromDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";
import { refuse } from "./refuse";
import { brandSubject, ALL_METRICS, type AuthorizedSubject } from "./subject";
import type { Viewer } from "./viewer";

/**
 * The rules, in one place:
 * - a participant sees only themself;
 * - a researcher sees only participants currently enrolled in a study they are a member of, only
 *   the metrics that study collects, only inside its window;
 * - an admin manages access but sees health data only through a study they belong to.
 * Roles are read from the database on every request, so a change applies on the next request.
 */

declare const studyBrand: unique symbol;

/** A study the viewer may work with (member with a staff role), with its limits. */
export interface AuthorizedStudy {
  readonly id: string;
  readonly name: string;
  readonly viewerId: string;
  readonly metrics: readonly Metric[];
  readonly window: { readonly from: string; readonly to: string | null };
  readonly showNames: boolean;
  readonly [studyBrand]: true;
}

const STAFF: readonly Role[] = ["RESEARCHER", "ADMIN"];

export function authorizeSelf(viewer: Viewer): AuthorizedSubject {
  return brandSubject({ userId: viewer.id, viewerId: viewer.id, metrics: ALL_METRICS, window: null, studyId: null });
}

export async function requireRole(viewer: Viewer, roles: readonly Role[], target?: string): Promise<void> {
  if (!roles.includes(viewer.role)) await refuse(viewer, { status: 403, reason: `needs role ${roles.join(" or ")}`, target });
}

function studyMetrics(values: readonly string[]): Metric[] {
  return METRICS.filter((metric) => values.includes(metric));
}

/** The viewer's study, or an audited 404 (not a member, no staff role, or no such study). */
export async function authorizeStudy(viewer: Viewer, studyId: string, target?: string): Promise<AuthorizedStudy> {
  const study = STAFF.includes(viewer.role)
    ? await db.study.findFirst({ where: { id: studyId, members: { some: { userId: viewer.id } } } })
    : null;
  if (!study) return refuse(viewer, { status: 404, reason: "not a member of the study", studyId, target });
  return {
    id: study.id,
    name: study.name,
    viewerId: viewer.id,
    metrics: studyMetrics(study.metrics),
    window: { from: fromDbDate(study.startDate), to: study.endDate ? fromDbDate(study.endDate) : null },
    showNames: study.showNames,
  } as Omit<AuthorizedStudy, typeof studyBrand> as AuthorizedStudy;
}

/** One enrolled participant of the viewer's study, as a subject limited to the study's grant. */
export async function authorizeStudyParticipant(
  viewer: Viewer,
  studyId: string,
  participantId: string,
  target?: string,
): Promise<{ study: AuthorizedStudy; subject: AuthorizedSubject; studyCode: string; name: string | null }> {
  const study = await authorizeStudy(viewer, studyId, target);
  const participant = await db.studyParticipant.findFirst({
    where: { id: participantId, studyId: study.id, leftAt: null },
    select: { userId: true, studyCode: true, user: { select: { name: true } } },
  });
  if (!participant) return refuse(viewer, { status: 404, reason: "not an enrolled participant of the study", studyId, target });
  const subject = brandSubject({ userId: participant.userId, viewerId: viewer.id, metrics: study.metrics, window: study.window, studyId: study.id });
  return { study, subject, studyCode: participant.studyCode, name: study.showNames ? participant.user.name : null };
}

/**
 * Every currently enrolled participant of an authorized study, as subjects limited to the
 * study's grant, a page at a time (exports walk a large cohort without holding it).
 */
export async function* studySubjects(study: AuthorizedStudy, pageSize = 50): AsyncGenerator<{ studyCode: string; subject: AuthorizedSubject }> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.studyParticipant.findMany({
      where: { studyId: study.id, leftAt: null },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, userId: true, studyCode: true },
    });
    for (const participant of page) {
      yield { studyCode: participant.studyCode, subject: brandSubject({ userId: participant.userId, viewerId: study.viewerId, metrics: study.metrics, window: study.window, studyId: study.id }) };
    }
    if (page.length < pageSize) return;
    cursor = page.at(-1)!.id;
  }
}
