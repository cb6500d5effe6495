import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db/client";
import { retryOnWriteConflict } from "@/lib/db/retry-on-conflict";
import { log } from "@/lib/log";
import { newStudyCode } from "@/lib/research/studies";
import { reauthorizationCookieName, reauthorizationIdOf } from "./reauthorization-cookie";

/**
 * After a sign-in that started at an imported record's link (its cookie names the record and the
 * provider): the record is "re-authorized" by this participant, the username stays recorded on
 * it, and the person is enrolled in the record's study. One transaction; a record already
 * re-authorized is left as it is.
 */
export async function completeReauthorization(recordId: string, userId: string): Promise<"reauthorized" | "already_done"> {
  // Enrolment fires the cohort triggers (see lib/db/retry-on-conflict.ts); the transaction is idempotent.
  return retryOnWriteConflict(() => db.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.importedAuthorization.updateMany({
      where: { id: recordId, reauthorizedAt: null },
      data: { userId, reauthorizedAt: now, requestEnc: null },
    });
    if (claimed.count === 0) return "already_done";
    const record = await tx.importedAuthorization.findUniqueOrThrow({ where: { id: recordId }, select: { username: true, studyId: true, provider: true } });
    let studyCode: string | null = null;
    if (record.studyId) {
      const existing = await tx.studyParticipant.findUnique({ where: { studyId_userId: { studyId: record.studyId, userId } } });
      const participant = existing
        ? await tx.studyParticipant.update({ where: { id: existing.id }, data: { leftAt: null, ...(existing.leftAt ? { enrolledAt: now } : {}) } })
        : await tx.studyParticipant.create({ data: { studyId: record.studyId, userId, studyCode: newStudyCode() } });
      studyCode = participant.studyCode;
      await tx.auditLog.create({
        data: { action: "study.enrol", outcome: "ok", actorId: userId, subjectUserId: userId, studyId: record.studyId, details: { studyCode, via: "reauthorization" } },
      });
    }
    await tx.auditLog.create({
      data: {
        action: "reauthorization.complete",
        outcome: "ok",
        actorId: userId,
        subjectUserId: userId,
        studyId: record.studyId,
        target: recordId,
        details: { username: record.username, provider: record.provider, enrolled: studyCode !== null },
      },
    });
    log.info("imported authorization re-authorized", { recordId, userId, enrolled: studyCode !== null });
    return "reauthorized";
  }));
}

/** From NextAuth's signIn event: complete the record this browser's sign-in started at, if any. */
export async function completeReauthorizationOfSignIn(userId: string, provider: string): Promise<void> {
  let value: string | undefined;
  try {
    value = (await cookies()).get(reauthorizationCookieName())?.value;
  } catch {
    return; // outside a request (scripts, tests)
  }
  const recordId = await reauthorizationIdOf(value, provider);
  if (recordId) await completeReauthorization(recordId, userId);
}
