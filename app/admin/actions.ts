"use server";

import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { revokeAccess } from "@/lib/admin/revoke-access";
import { revokeMessage } from "@/lib/admin/revoke-message";
import { notifyWaiting } from "@/lib/admin/notify-move";
import { setLegacyApiRetired } from "@/lib/admin/set-legacy-retired";
import { defineAction } from "@/lib/http/action";

const roleChangeSchema = z.object({ userId: z.string().regex(/^[a-z0-9]{20,32}$/), role: z.enum(["PARTICIPANT", "RESEARCHER"]) });

/** Grant or remove the researcher role; the session reads the role from the database, so it applies on the next request. */
export const setRoleAction = defineAction({ input: roleChangeSchema, allow: { roles: ["ADMIN"] }, name: "role.change" }, async (input, { viewer }) => {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { role: true, email: true } });
  if (!user) throw new AppError(404, "not_found", "No such user.");
  if (user.role === "ADMIN") throw new AppError(409, "conflict", "Admins come from ADMIN_EMAILS; change that setting instead.");
  await db.user.update({ where: { id: input.userId }, data: { role: input.role } });
  await recordAudit({ action: "role.change", actorId: viewer.id, subjectUserId: input.userId, details: { from: user.role, to: input.role } });
  return { message: `${user.email ?? "The user"} is now ${input.role === "RESEARCHER" ? "a researcher" : "a participant"}.` };
});

const revokeSchema = z.object({
  userId: z.string().regex(/^[a-z0-9]{20,32}$/),
  data: z.enum(["keep", "delete"], { message: "Choose whether the synced data is kept or deleted." }),
  // The confirmation step's button sends this; a stray post without it changes nothing.
  confirm: z.literal("revoke", { message: "Confirm the revocation." }),
});

/** Revoke a person's access: provider grant, tokens, sessions, queued syncs; data kept or deleted. */
export const revokeAccessAction = defineAction({ input: revokeSchema, allow: { roles: ["ADMIN"] }, name: "access.revoke" }, async (input, { viewer }) => {
  const result = await revokeAccess(viewer, input.userId, input.data);
  return { message: revokeMessage(result), result };
});

const legacyRetiredSchema = z.object({
  retired: z.enum(["on", "off"]),
  // The confirmation checkbox; a stray post without it changes nothing.
  confirm: z.literal("yes", { message: "Tick the box to confirm." }),
});

/** The deployment-wide "legacy Fitbit API retired" switch (issue 9 §1). */
export const setLegacyRetiredAction = defineAction({ input: legacyRetiredSchema, allow: { roles: ["ADMIN"] }, name: "deployment.legacy_retired" }, async (input, { viewer }) => {
  const change = await setLegacyApiRetired(viewer, input.retired === "on");
  return {
    message: change.retired
      ? `The legacy Fitbit API is marked retired. ${change.connections} ${change.connections === 1 ? "connection was" : "connections were"} retired; those people are asked to update their connection.`
      : `The legacy Fitbit API is in use again. ${change.connections} ${change.connections === 1 ? "connection" : "connections"} the switch had retired ${change.connections === 1 ? "syncs" : "sync"} again.`,
  };
});

const notifySchema = z.union([
  z.object({ scope: z.literal("one"), userId: z.string().regex(/^[a-z0-9]{20,32}$/) }),
  z.object({ scope: z.literal("everyone") }),
]);

/** Send the "Update your connection" link again, to one waiting person or everyone waiting. */
export const notifyMoveAction = defineAction({ input: notifySchema, allow: { roles: ["ADMIN"] }, name: "move.notify" }, async (input, { viewer }) => {
  const { notified } = await notifyWaiting(viewer, input.scope === "one" ? input.userId : undefined);
  return { message: notified === 0 ? "Nobody is waiting to update their connection." : `The update link was queued for ${notified} ${notified === 1 ? "person" : "people"}.` };
});
