import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { isLegacyApiRetired } from "@/lib/deployment/legacy-retired";
import { log } from "@/lib/log";
import { legacyProviderIds, legacyProviderOf, providerById, successorProviderOf } from "@/lib/providers/registry";
import { revokeAtProvider } from "./connections";
import { personConnections } from "./person-connections";

/**
 * Moving a participant from a legacy provider to its successor (issue 9 §1: Fitbit Web API →
 * Google Health API) without losing a night. The successor's identity names the person's legacy
 * id; only when it equals the id of this participant's legacy connection do the two join. The
 * legacy connection keeps its history (queries show one provider per night by precedence), its
 * token is revoked if the legacy API still answers, and it stops syncing.
 */

export type MoveCheck =
  /** The signed-in person has no legacy connection this sign-in could replace. */
  | "not_applicable"
  /** The successor's identity carries this person's legacy id: join. */
  | "match"
  /** The successor's identity names a different legacy account. */
  | "mismatch"
  /** The successor's identity carries no legacy id (a Google account that never had Fitbit). */
  | "no_legacy";

/** Whether a sign-in with `providerId`, whose identity reports `legacyUserId`, may join `userId`. */
export async function checkMove(userId: string, providerId: string, legacyUserId: string | null | undefined): Promise<MoveCheck> {
  const legacy = legacyProviderOf(providerId);
  if (!legacy) return "not_applicable";
  const connection = await db.providerConnection.findUnique({
    where: { userId_provider: { userId, provider: legacy.id } },
    select: { providerUserId: true },
  });
  if (!connection) return "not_applicable";
  if (!legacyUserId) return "no_legacy";
  return connection.providerUserId === legacyUserId ? "match" : "mismatch";
}

/**
 * The participant whose legacy connection `legacyUserId` names, for a first sign-in with the
 * successor (signed out): they are the same person, so the successor joins them instead of
 * starting an empty account.
 */
export async function participantByLegacyId(legacyUserId: string | null | undefined): Promise<string | null> {
  if (!legacyUserId) return null;
  const connection = await db.providerConnection.findFirst({
    where: { provider: { in: legacyProviderIds() }, providerUserId: legacyUserId },
    select: { userId: true },
  });
  return connection?.userId ?? null;
}

/**
 * After the successor's grant is stored for `userId`: retire the legacy connection (revoking its
 * token where the legacy API still answers) and record the move. Idempotent.
 */
export async function completeMove(userId: string, providerId: string): Promise<"moved" | "nothing_to_move"> {
  const legacy = legacyProviderOf(providerId);
  if (!legacy) return "nothing_to_move";
  const connection = await db.providerConnection.findUnique({ where: { userId_provider: { userId, provider: legacy.id } } });
  if (!connection || connection.movedAt) return "nothing_to_move";
  // With the legacy API marked retired for the deployment, no request goes to it, not even this.
  const outcome = (await isLegacyApiRetired(legacy.id)) ? "not_tried_api_retired" : await revokeAtProvider(connection);
  const successor = providerById(providerId);
  await db.providerConnection.update({
    where: { id: connection.id },
    data: {
      status: connection.status === "ACTIVE" ? "REVOKED" : connection.status,
      statusReason: `Moved to ${successor.copy.name}.`,
      movedAt: new Date(),
      accessTokenEnc: null,
      refreshTokenEnc: null,
      accessTokenExpiresAt: null,
      tokenVersion: { increment: 1 },
    },
  });
  await recordAudit({
    action: "connection.move",
    actorId: userId,
    subjectUserId: userId,
    target: `${legacy.id} → ${providerId}`,
    details: { revokedAtLegacy: outcome },
  });
  log.info("connection moved", { userId, from: legacy.id, to: providerId, revokedAtLegacy: outcome });
  return "moved";
}

export type MoveState =
  | { state: "none" }
  /** The legacy connection no longer syncs and no successor is connected: ask to update.
   * `notifiedAt`: when an admin last sent the update link again (lib/admin/notify-move.ts). */
  | { state: "waiting"; legacy: string; successor: { id: string; name: string }; notifiedAt: Date | null }
  | { state: "moved"; legacy: string; successor: { id: string; name: string }; movedAt: Date };

/** The fields of a person's connections the move state is decided from. */
export interface MoveStateConnection {
  provider: string;
  status: string;
  movedAt: Date | null;
  moveNotifiedAt: Date | null;
}

/** What the participant's dashboard says about moving (the "Update your connection" notice). */
export async function moveStateOf(userId: string): Promise<MoveState> {
  return moveStateFrom(await personConnections(userId));
}

/** moveStateOf's rule over connections already loaded (the cohort table loads a page's at once). */
export function moveStateFrom(connections: readonly MoveStateConnection[]): MoveState {
  for (const connection of connections) {
    const successor = successorProviderOf(connection.provider);
    if (!successor || !successor.configured()) continue;
    const copy = { id: successor.id, name: successor.copy.name };
    const legacyName = providerById(connection.provider).copy.name;
    if (connection.movedAt) return { state: "moved", legacy: legacyName, successor: copy, movedAt: connection.movedAt };
    const successorConnected = connections.some((c) => c.provider === successor.id && c.status === "ACTIVE");
    if (connection.status === "RETIRED" && !successorConnected) return { state: "waiting", legacy: legacyName, successor: copy, notifiedAt: connection.moveNotifiedAt };
  }
  return { state: "none" };
}
