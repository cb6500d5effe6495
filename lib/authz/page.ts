import "server-only";
import { notFound } from "next/navigation";
import { requireUserPage, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/client";
import { authorizeSelf, authorizeStudy, authorizeStudyParticipant, requireRole, type AuthorizedStudy } from "./authorize";
import type { AuthorizedSubject } from "./subject";
import type { Viewer } from "./viewer";

/**
 * The same checks as the route and action wrappers, for server-component pages: signed out →
 * the landing page; refused → audited (in lib/authz) and shown as Next.js's 404, which reveals
 * nothing about what exists.
 */
export function viewerOf(user: SessionUser): Viewer {
  return { id: user.id, role: user.role, via: "session" };
}

async function orNotFound<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof AppError && (error.status === 403 || error.status === 404)) notFound();
    throw error;
  }
}

/** A person's own pages: their subject for the health-data queries. */
export async function requireSelfPage(): Promise<{ user: SessionUser; subject: AuthorizedSubject }> {
  const user = await requireUserPage();
  return { user, subject: authorizeSelf(viewerOf(user)) };
}

export async function requireRolePage(roles: readonly Role[], target: string): Promise<SessionUser> {
  const user = await requireUserPage();
  await orNotFound(() => requireRole(viewerOf(user), roles, target));
  return user;
}

export async function requireStudyPage(studyId: string, target: string): Promise<{ user: SessionUser; study: AuthorizedStudy }> {
  const user = await requireUserPage();
  const study = await orNotFound(() => authorizeStudy(viewerOf(user), studyId, target));
  return { user, study };
}

export async function requireStudyParticipantPage(studyId: string, participantId: string, target: string) {
  const user = await requireUserPage();
  const granted = await orNotFound(() => authorizeStudyParticipant(viewerOf(user), studyId, participantId, target));
  return { user, ...granted };
}
