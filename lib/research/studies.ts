import "server-only";
import { randomInt } from "node:crypto";
import type { z } from "zod";
import { hashSecret, newSecret } from "@/lib/api-tokens/secret";
import { recordAudit } from "@/lib/audit/record";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { retryOnWriteConflict } from "@/lib/db/retry-on-conflict";
import { AppError } from "@/lib/errors/app-error";
import type { createStudySchema } from "./schemas";

/** Study ids shown to researchers: no vowels (no words), no 0/O/1/I confusion. */
const CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";
export function newStudyCode(): string {
  return `P-${Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("")}`;
}

export async function createStudy(creatorId: string, input: z.infer<typeof createStudySchema>) {
  const study = await db.study.create({
    data: {
      name: input.name,
      description: input.description,
      metrics: input.metrics,
      startDate: toDbDate(input.startDate),
      endDate: input.endDate ? toDbDate(input.endDate) : null,
      showNames: input.showNames,
      createdById: creatorId,
      members: { create: { userId: creatorId } },
    },
  });
  await recordAudit({ action: "study.create", actorId: creatorId, studyId: study.id, details: { name: input.name } });
  return study;
}

/** A new enrolment link; the secret is returned once and only its hash is stored. */
export async function createEnrolmentLink(study: AuthorizedStudy, expiresInDays: number) {
  const secret = newSecret();
  const link = await db.enrolmentLink.create({
    data: {
      studyId: study.id,
      tokenHash: hashSecret(secret),
      createdById: study.viewerId,
      expiresAt: expiresInDays > 0 ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
    },
  });
  await recordAudit({ action: "study.link.create", actorId: study.viewerId, studyId: study.id, details: { linkId: link.id } });
  return { id: link.id, secret };
}

export async function revokeEnrolmentLink(study: AuthorizedStudy, linkId: string) {
  const updated = await db.enrolmentLink.updateMany({ where: { id: linkId, studyId: study.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (updated.count === 0) throw new AppError(404, "not_found", "No such link.");
  await recordAudit({ action: "study.link.revoke", actorId: study.viewerId, studyId: study.id, details: { linkId } });
}

/** Adds a researcher (by email) to the study's team. */
export async function addStudyMember(study: AuthorizedStudy, email: string) {
  const user = await db.user.findFirst({ where: { email, role: { in: ["RESEARCHER", "ADMIN"] } }, select: { id: true } });
  if (!user) throw new AppError(404, "not_found", "No researcher with that email address has signed in yet.");
  await db.studyMember.upsert({ where: { studyId_userId: { studyId: study.id, userId: user.id } }, create: { studyId: study.id, userId: user.id, addedById: study.viewerId }, update: {} });
  await recordAudit({ action: "study.member.add", actorId: study.viewerId, studyId: study.id, subjectUserId: user.id });
}

/** The study behind a live link (not revoked, not expired), or null. Public: shows only what a link holder may see. */
export async function studyForLink(secret: string) {
  const link = await db.enrolmentLink.findUnique({
    where: { tokenHash: hashSecret(secret) },
    include: { study: { include: { members: { include: { user: { select: { name: true, email: true } } } } } } },
  });
  if (!link || link.revokedAt || (link.expiresAt && link.expiresAt <= new Date())) return null;
  return { linkId: link.id, study: link.study };
}

/** Enrols the signed-in person through a live link (idempotent; re-joins after leaving). */
export async function enrolThroughLink(userId: string, secret: string) {
  const found = await studyForLink(secret);
  if (!found) {
    await recordAudit({ action: "study.enrol", outcome: "refused", actorId: userId, details: { reason: "link revoked, expired or unknown" } });
    throw new AppError(404, "not_found", "This enrolment link is no longer valid. Ask the research team for a new one.");
  }
  // Joining fires the cohort triggers, which can deadlock with a sync commit of this person.
  const participant = await retryOnWriteConflict(async () => {
    const existing = await db.studyParticipant.findUnique({ where: { studyId_userId: { studyId: found.study.id, userId } } });
    return existing
      ? db.studyParticipant.update({ where: { id: existing.id }, data: { leftAt: null, ...(existing.leftAt ? { enrolledAt: new Date() } : {}) } })
      : db.studyParticipant.create({ data: { studyId: found.study.id, userId, studyCode: newStudyCode(), linkId: found.linkId } });
  });
  await recordAudit({ action: "study.enrol", actorId: userId, studyId: found.study.id, subjectUserId: userId, details: { studyCode: participant.studyCode } });
  return { studyId: found.study.id, studyCode: participant.studyCode };
}

/** Leaving stops sharing at once: every researcher check requires `leftAt` to be null. */
export async function leaveStudy(userId: string, studyId: string) {
  const updated = await retryOnWriteConflict(() => db.studyParticipant.updateMany({ where: { studyId, userId, leftAt: null }, data: { leftAt: new Date() } }));
  if (updated.count === 0) throw new AppError(404, "not_found", "You are not in this study.");
  await recordAudit({ action: "study.leave", actorId: userId, studyId, subjectUserId: userId });
}

export function myStudiesAsParticipant(userId: string) {
  return db.studyParticipant.findMany({ where: { userId, leftAt: null }, include: { study: { select: { id: true, name: true, metrics: true, startDate: true, endDate: true } } }, orderBy: { enrolledAt: "desc" } });
}

export function myStudiesAsResearcher(userId: string) {
  return db.study.findMany({
    where: { members: { some: { userId } } },
    include: { _count: { select: { participants: { where: { leftAt: null } } } } },
    orderBy: { createdAt: "desc" },
  });
}
