import "server-only";
import { openToken, sealToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { retireBySwitch } from "@/lib/deployment/retire-by-switch";
import { RETIRED_REASON } from "./connections";
import { AppError } from "@/lib/errors/app-error";
import { auditRefreshFailure } from "@/lib/audit/token-refresh-failed";
import { log } from "@/lib/log";
import { isKnownProvider, providerById } from "@/lib/providers/registry";
import { syncedProviderOf } from "@/lib/sync/connection-choice";
import { ProviderTokenError } from "@/lib/providers/types";

/**
 * The one place that hands out provider access tokens.
 *
 * Fitbit refresh tokens are single use (Google's are reusable, but the same rules hold), so two refreshes of one token would lose the
 * connection. Rules that guarantee one refresh per rotation, across requests and processes:
 *  1. Within a process, concurrent refreshes of the same token version share one promise.
 *  2. Across processes, the refresh runs while holding `SELECT … FOR UPDATE` on the
 *     connection row; whoever gets the lock second sees `tokenVersion` moved on and reuses
 *     the winner's token instead of refreshing again.
 *  3. If this process dies after Fitbit rotated the token but before the commit, the old
 *     refresh token still works for an identical request within 2 minutes (Fitbit replays the
 *     same response). So before calling Fitbit the refresh is recorded, committed on its own
 *     (`TokenRefreshInFlight`), and every worker process finishes recorded refreshes that nobody
 *     finished (`finishInterruptedRefreshes`, every 15 s), well within those 2 minutes.
 * See docs/decisions/0001-single-refresh.md.
 */

/** Refresh this long before the access token expires, so requests in flight don't race expiry. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface AccessGrant {
  connectionId: string;
  accessToken: string;
  /** The token version this access token belongs to; pass it back to `refreshAfterRejection`. */
  version: number;
}

const inFlight = new Map<string, Promise<AccessGrant>>();

const nameOf = (provider: string) => (isKnownProvider(provider) ? providerById(provider).copy.name : "The data source");

function unavailable(status: string, provider: string): AppError {
  const name = nameOf(provider);
  switch (status) {
    case "NEEDS_RECONSENT":
      return new AppError(409, "needs_reconsent", `${name} needs you to sign in again to keep syncing.`);
    case "RETIRED":
      return new AppError(410, "provider_retired", `The ${name} Web API has been switched off for this connection.`);
    default:
      return new AppError(409, "connection_revoked", `${name} is not connected.`);
  }
}

/** A valid access token for the person's connection, refreshing first when it is about to expire. */
export async function getAccessToken(userId: string, providerId?: string): Promise<AccessGrant> {
  // Without a provider: the person's connection that syncs (first by precedence).
  const provider = providerId ?? (await syncedProviderOf(userId)) ?? "";
  const connection = await db.providerConnection.findUnique({ where: { userId_provider: { userId, provider } } });
  if (!connection) throw new AppError(409, "connection_revoked", `${nameOf(provider)} is not connected.`);
  if (connection.status !== "ACTIVE" || !connection.accessTokenEnc) throw unavailable(connection.status, provider);
  // The admin marked the legacy API retired: a run already under way stops at its next request.
  if ((await retireBySwitch(connection)).status === "RETIRED") throw unavailable("RETIRED", provider);
  const expiresAt = connection.accessTokenExpiresAt?.getTime() ?? 0;
  if (expiresAt - REFRESH_MARGIN_MS > Date.now()) {
    return {
      connectionId: connection.id,
      accessToken: openToken(connection.accessTokenEnc, connection.id, "access"),
      version: connection.tokenVersion,
    };
  }
  return refreshConnection(connection.id, connection.tokenVersion);
}

/** Call when the provider rejected `grant.accessToken` with 401 (expired or invalid). */
export function refreshAfterRejection(grant: AccessGrant): Promise<AccessGrant> {
  return refreshConnection(grant.connectionId, grant.version);
}

function refreshConnection(connectionId: string, seenVersion: number): Promise<AccessGrant> {
  const key = `${connectionId}:${seenVersion}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = refreshUnderRowLock(connectionId, seenVersion).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

interface LockedRow {
  id: string;
  provider: string;
  status: string;
  tokenVersion: number;
  accessTokenEnc: string | null;
  refreshTokenEnc: string | null;
}

async function refreshUnderRowLock(connectionId: string, seenVersion: number): Promise<AccessGrant> {
  let failure: ProviderTokenError | undefined;
  let providerId = "";
  const grant = await db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<LockedRow[]>`
        SELECT id, provider, status::text AS status, "tokenVersion", "accessTokenEnc", "refreshTokenEnc"
        FROM "ProviderConnection" WHERE id = ${connectionId} FOR NO KEY UPDATE`;
      const row = rows[0];
      if (!row) throw new AppError(409, "connection_revoked", "This data source is not connected.");
      providerId = row.provider;
      const provider = providerById(row.provider);
      if (row.status !== "ACTIVE" || !row.refreshTokenEnc || !row.accessTokenEnc) throw unavailable(row.status, row.provider);
      if (row.tokenVersion !== seenVersion) {
        // Someone refreshed while we waited for the lock: reuse their token.
        await tx.tokenRefreshInFlight.deleteMany({ where: { connectionId, fromVersion: { lt: row.tokenVersion } } });
        return {
          connectionId,
          accessToken: openToken(row.accessTokenEnc, connectionId, "access"),
          version: row.tokenVersion,
        };
      }
      const refreshToken = openToken(row.refreshTokenEnc, connectionId, "refresh");
      // Committed by itself before the call (outside this transaction, which a crash rolls
      // back): the record that this token version is being refreshed. `FOR NO KEY UPDATE`
      // above lets this insert's foreign-key check through.
      await db.tokenRefreshInFlight.upsert({
        where: { connectionId },
        create: { connectionId, fromVersion: row.tokenVersion },
        update: { fromVersion: row.tokenVersion, startedAt: new Date() },
      });
      try {
        const tokens = await provider.refreshToken(refreshToken);
        const version = row.tokenVersion + 1;
        await tx.providerConnection.update({
          where: { id: connectionId },
          data: {
            accessTokenEnc: sealToken(tokens.access_token, connectionId, "access"),
            // Providers that keep the refresh token (Google) send none back: keep ours.
            ...(tokens.refresh_token
              ? { refreshTokenEnc: sealToken(tokens.refresh_token, connectionId, "refresh") }
              : {}),
            accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
            ...(tokens.scope !== undefined ? { grantedScopes: provider.parseGrantedScopes(tokens.scope) } : {}),
            tokenVersion: version,
            lastRefreshedAt: new Date(),
            refreshCount: { increment: 1 },
            statusReason: null,
          },
        });
        await tx.tokenRefreshInFlight.deleteMany({ where: { connectionId } });
        log.info("token refreshed", { connectionId, version });
        return { connectionId, accessToken: tokens.access_token, version };
      } catch (error) {
        if (!(error instanceof ProviderTokenError)) throw error;
        failure = error;
        // Transient: Fitbit may or may not have rotated; the record stays so it is retried.
        if (error.failure.kind === "transient") throw error;
        await tx.tokenRefreshInFlight.deleteMany({ where: { connectionId } });
        await tx.providerConnection.update({
          where: { id: connectionId },
          data:
            error.failure.kind === "invalid_grant"
              ? { status: "NEEDS_RECONSENT", statusReason: `${provider.copy.name} no longer accepts Nightly's refresh token.` }
              : { status: "RETIRED", statusReason: RETIRED_REASON },
        });
        return null;
      }
    },
    { maxWait: 30_000, timeout: 30_000 },
  ).catch(async (error: unknown) => {
    if (error instanceof ProviderTokenError && error.failure.kind === "transient") {
      log.warn("token refresh failed, will retry later", { connectionId, detail: error.failure.detail });
      await auditRefreshFailure(connectionId, "transient");
      throw new AppError(503, "provider_unavailable", `${nameOf(providerId)} is not answering right now; try again shortly.`);
    }
    throw error;
  });
  if (grant) return grant;
  log.warn("connection needs attention", { connectionId, reason: failure?.failure.kind });
  await auditRefreshFailure(connectionId, failure?.failure.kind ?? "unknown");
  throw unavailable(failure?.failure.kind === "retired" ? "RETIRED" : "NEEDS_RECONSENT", providerId);
}

/**
 * Finishes refreshes that a process recorded and never committed (it died between Fitbit's
 * answer and the commit, or Fitbit failed transiently). Repeating the identical request within
 * Fitbit's 2-minute replay window returns the same pair, so the connection survives. Older
 * than `minAgeMs` only, so a refresh still in progress elsewhere is left alone (and would be
 * safe anyway: the row lock makes this wait for it, and then it sees the new version).
 */
export async function finishInterruptedRefreshes(minAgeMs = 5000): Promise<number> {
  const pending = await db.tokenRefreshInFlight.findMany({
    where: { startedAt: { lt: new Date(Date.now() - minAgeMs) } },
  });
  let finished = 0;
  for (const { connectionId, fromVersion } of pending) {
    try {
      await refreshConnection(connectionId, fromVersion);
      finished++;
      log.info("interrupted token refresh finished", { connectionId });
    } catch (error) {
      // needs_reconsent/retired were recorded on the connection; transient ones stay pending.
      log.warn("interrupted token refresh not finished", {
        connectionId,
        error: error instanceof AppError ? error.code : error instanceof Error ? error.message : String(error),
      });
      if (error instanceof AppError && error.code !== "provider_unavailable")
        await db.tokenRefreshInFlight.deleteMany({ where: { connectionId } });
    }
  }
  return finished;
}
