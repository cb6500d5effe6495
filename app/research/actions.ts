"use server";

import { hashSecret, newSecret, API_TOKEN_PREFIX } from "@/lib/api-tokens/secret";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { defineAction } from "@/lib/http/action";
import { addStudyMember, createEnrolmentLink, createStudy, enrolThroughLink, leaveStudy, revokeEnrolmentLink } from "@/lib/research/studies";
import {
  addMemberSchema,
  createApiTokenSchema,
  createLinkSchema,
  createStudySchema,
  enrolSchema,
  leaveSchema,
  revokeApiTokenSchema,
  revokeLinkSchema,
} from "@/lib/research/schemas";

const STAFF = { roles: ["RESEARCHER", "ADMIN"] } as const;

export const createStudyAction = defineAction({ input: createStudySchema, allow: STAFF, name: "study.create" }, async (input, { viewer }) => {
  const study = await createStudy(viewer.id, input);
  return { message: `Study “${study.name}” created.` };
});

export const createLinkAction = defineAction({ input: createLinkSchema, allow: { study: "member" }, name: "study.link.create" }, async (input, { study }) => {
  const link = await createEnrolmentLink(study!, input.expiresInDays);
  return { secret: `${env().NEXTAUTH_URL}/enrol/${link.secret}` };
});

export const revokeLinkAction = defineAction({ input: revokeLinkSchema, allow: { study: "member" }, name: "study.link.revoke" }, async (input, { study }) => {
  await revokeEnrolmentLink(study!, input.linkId);
  return { message: "Link revoked: it no longer enrols anyone." };
});

export const addMemberAction = defineAction({ input: addMemberSchema, allow: { study: "member" }, name: "study.member.add" }, async (input, { study }) => {
  await addStudyMember(study!, input.email);
  return { message: `${input.email} is now on the study team.` };
});

export const enrolAction = defineAction({ input: enrolSchema, allow: "self", name: "study.enrol" }, async (input, { viewer }) => {
  const enrolment = await enrolThroughLink(viewer.id, input.token);
  return { message: `You are enrolled as ${enrolment.studyCode}. Thank you!` };
});

export const leaveStudyAction = defineAction({ input: leaveSchema, allow: "self", name: "study.leave" }, async (input, { viewer }) => {
  await leaveStudy(viewer.id, input.studyId);
  return { message: "You left the study. Nothing more is shared from now on." };
});

export const createApiTokenAction = defineAction({ input: createApiTokenSchema, allow: STAFF, name: "api_token.create" }, async (input, { viewer }) => {
  const secret = newSecret(API_TOKEN_PREFIX);
  const token = await db.apiToken.create({ data: { userId: viewer.id, name: input.name, prefix: secret.slice(0, 8), tokenHash: hashSecret(secret) } });
  await recordAudit({ action: "api_token.create", actorId: viewer.id, details: { tokenId: token.id, name: input.name } });
  return { secret };
});

export const revokeApiTokenAction = defineAction({ input: revokeApiTokenSchema, allow: STAFF, name: "api_token.revoke" }, async (input, { viewer }) => {
  const updated = await db.apiToken.updateMany({ where: { id: input.tokenId, userId: viewer.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (updated.count === 0) throw new AppError(404, "not_found", "No such token.");
  await recordAudit({ action: "api_token.revoke", actorId: viewer.id, details: { tokenId: input.tokenId } });
  return { message: "Token revoked." };
});
