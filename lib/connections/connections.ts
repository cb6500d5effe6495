import "server-only";
import { openToken, sealToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { providerById } from "@/lib/providers/registry";

export interface NewGrant {
  userId: string;
  provider: string;
  providerUserId: string;
  /** Google Health: the person's legacy Fitbit id (users/me/identity), when they had one. */
  legacyUserId?: string | null;
  accessToken: string;
  refreshToken: string;
  /** epoch seconds, as OAuth libraries report it */
  expiresAt: number;
  scope: string;
}

/** Stores the tokens of a fresh consent (sign-in), encrypted, and re-activates the connection. */
export async function storeGrant(grant: NewGrant): Promise<void> {
  const existing = await db.providerConnection.upsert({
    where: { userId_provider: { userId: grant.userId, provider: grant.provider } },
    create: {
      userId: grant.userId,
      provider: grant.provider,
      providerUserId: grant.providerUserId,
      grantedScopes: [],
    },
    update: {},
    select: { id: true },
  });
  // Tokens are sealed with the row id as authenticated context, so the row must exist first.
  await db.providerConnection.update({
    where: { id: existing.id },
    data: {
      providerUserId: grant.providerUserId,
      status: "ACTIVE",
      statusReason: null,
      grantedScopes: providerById(grant.provider).parseGrantedScopes(grant.scope),
      ...(grant.legacyUserId !== undefined ? { legacyUserId: grant.legacyUserId || null } : {}),
      accessTokenEnc: sealToken(grant.accessToken, existing.id, "access"),
      refreshTokenEnc: sealToken(grant.refreshToken, existing.id, "refresh"),
      accessTokenExpiresAt: new Date(grant.expiresAt * 1000),
      connectedAt: new Date(),
      tokenVersion: { increment: 1 },
    },
  });
}

export type DisconnectOutcome = "revoked" | "revoked_locally";

/**
 * Revokes at the provider, deletes the tokens and ends every session of the person.
 * Local deletion happens even when the provider cannot be reached: the person asked us to
 * forget the tokens, and we do.
 */
export async function disconnectProvider(userId: string, provider: string): Promise<DisconnectOutcome> {
  const connection = await db.providerConnection.findUnique({ where: { userId_provider: { userId, provider } } });
  const outcome = connection ? await revokeAtProvider(connection) : "revoked_locally";
  await db.$transaction([
    db.providerConnection.updateMany({
      where: { userId, provider },
      data: {
        status: "REVOKED",
        statusReason: "Disconnected by the person.",
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessTokenExpiresAt: null,
        tokenVersion: { increment: 1 },
      },
    }),
    db.session.deleteMany({ where: { userId } }),
  ]);
  log.info("provider disconnected", { userId, provider, outcome });
  return outcome;
}

/** Revokes a connection's grant at the provider (refresh token, else access token). Never throws:
 * an unreachable provider or undecryptable token means only the local deletion happens. */
export async function revokeAtProvider(connection: {
  id: string;
  provider: string;
  accessTokenEnc: string | null;
  refreshTokenEnc: string | null;
}): Promise<DisconnectOutcome> {
  if (!connection.refreshTokenEnc && !connection.accessTokenEnc) return "revoked_locally";
  try {
    const token = connection.refreshTokenEnc
      ? openToken(connection.refreshTokenEnc, connection.id, "refresh")
      : openToken(connection.accessTokenEnc!, connection.id, "access");
    return (await providerById(connection.provider).revokeToken(token)) === "revoked" ? "revoked" : "revoked_locally";
  } catch (error) {
    log.warn("could not revoke at provider", { connectionId: connection.id, error: error instanceof Error ? error.message : String(error) });
    return "revoked_locally";
  }
}

export interface ConnectionSummary {
  provider: string;
  providerUserId: string;
  status: "ACTIVE" | "NEEDS_RECONSENT" | "REVOKED" | "RETIRED";
  statusReason: string | null;
  grantedScopes: string[];
  accessTokenExpiresAt: Date | null;
  lastRefreshedAt: Date | null;
  refreshCount: number;
  connectedAt: Date;
}

const SUMMARY_FIELDS = {
  provider: true,
  providerUserId: true,
  status: true,
  statusReason: true,
  grantedScopes: true,
  accessTokenExpiresAt: true,
  lastRefreshedAt: true,
  refreshCount: true,
  connectedAt: true,
} as const;

/** Every connection of the person (any provider), newest consent first; never token material. */
export async function listConnections(userId: string): Promise<ConnectionSummary[]> {
  return db.providerConnection.findMany({
    where: { userId },
    orderBy: { connectedAt: "desc" },
    select: SUMMARY_FIELDS,
  });
}

/** What the person may see about their connection (never token material). */
export async function getConnectionSummary(userId: string, provider: string): Promise<ConnectionSummary | null> {
  return db.providerConnection.findUnique({
    where: { userId_provider: { userId, provider } },
    select: {
      provider: true,
      providerUserId: true,
      status: true,
      statusReason: true,
      grantedScopes: true,
      accessTokenExpiresAt: true,
      lastRefreshedAt: true,
      refreshCount: true,
      connectedAt: true,
    },
  });
}

export const RETIRED_REASON = "Fitbit answered 410 Gone: the legacy Web API is switched off.";

/** Fitbit answered 410 Gone: the legacy API is off for this connection; stop using it. */
export async function markConnectionRetired(connectionId: string): Promise<void> {
  await db.providerConnection.updateMany({
    where: { id: connectionId, status: "ACTIVE" },
    data: { status: "RETIRED", statusReason: RETIRED_REASON },
  });
  log.warn("connection retired by the provider", { connectionId });
}
