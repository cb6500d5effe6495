/**
 * Google's token rules (reference §2.1, §2.2): codes live 10 minutes and are single-use; access
 * tokens live one hour (`expires_in` 3599); refresh tokens are reusable (no rotation), several
 * may be live per user and client, and are only issued for `access_type=offline` on the first
 * consent or with `prompt=consent`. Revoking any token of a grant ends the whole grant. A
 * client in Testing status gets refresh tokens that die 7 days after consent.
 *
 * Token values are secrets: nothing here logs them and summaries never include them.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";

export const CODE_LIFETIME_MS = 10 * 60_000;
export const TESTING_REFRESH_LIFETIME_MS = 7 * 24 * 3_600_000;

export interface GoogleCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain";
  userId: string;
  scopes: string[];
  /** Whether redeeming it yields a refresh token. */
  withRefreshToken: boolean;
  nonce: string | null;
  expiresAtMs: number;
  used: boolean;
}

export interface GoogleAccessToken {
  clientId: string;
  userId: string;
  scopes: string[];
  issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

export interface GoogleRefreshToken {
  clientId: string;
  userId: string;
  scopes: string[];
  createdAtMs: number;
  /** null = no time limit (published app). */
  expiresAtMs: number | null;
  revoked: boolean;
}

export interface GoogleTokenSummary {
  activeAccessTokens: number;
  activeRefreshTokens: number;
  revokedAt: number | null;
  grantedScopes: string[];
}

export interface IssuedTokens {
  accessToken: string;
  expiresInSeconds: number;
  refreshToken: string | null;
  refreshExpiresInSeconds: number | null;
  record: GoogleAccessToken;
}

export class GoogleTokenStore {
  private readonly codes = new Map<string, GoogleCode>();
  private readonly access = new Map<string, GoogleAccessToken>();
  private readonly refresh = new Map<string, GoogleRefreshToken>();
  /** Scopes the user has granted each client (`include_granted_scopes` unions with them). */
  private readonly grants = new Map<string, Set<string>>();
  private readonly revokedAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    public lifetimeSeconds: number,
  ) {}

  grantedScopes(clientId: string, userId: string): string[] {
    return [...(this.grants.get(`${clientId}\n${userId}`) ?? [])];
  }

  /** Whether this user already holds a live refresh token for this client. */
  hasLiveRefreshToken(clientId: string, userId: string): boolean {
    return [...this.refresh.values()].some(
      (t) => t.clientId === clientId && t.userId === userId && this.refreshUsable(t),
    );
  }

  issueCode(fields: Omit<GoogleCode, "expiresAtMs" | "used">): string {
    this.prune();
    const code = `4/0${randomBytes(36).toString("base64url")}`;
    this.codes.set(code, {
      ...fields,
      expiresAtMs: this.clock.now() + CODE_LIFETIME_MS,
      used: false,
    });
    const key = `${fields.clientId}\n${fields.userId}`;
    const set = this.grants.get(key) ?? new Set<string>();
    fields.scopes.forEach((s) => set.add(s));
    this.grants.set(key, set);
    return code;
  }

  findUsableCode(code: string): GoogleCode | undefined {
    const found = this.codes.get(code);
    if (!found || found.used || this.clock.now() >= found.expiresAtMs) return undefined;
    return found;
  }

  redeemCode(code: GoogleCode, testing: boolean): IssuedTokens {
    code.used = true;
    let refreshToken: string | null = null;
    let refreshExpires: number | null = null;
    if (code.withRefreshToken) {
      const now = this.clock.now();
      refreshToken = `1//0${randomBytes(72).toString("base64url")}`;
      const expiresAtMs = testing ? now + TESTING_REFRESH_LIFETIME_MS : null;
      this.refresh.set(refreshToken, {
        clientId: code.clientId,
        userId: code.userId,
        scopes: code.scopes,
        createdAtMs: now,
        expiresAtMs,
        revoked: false,
      });
      refreshExpires = expiresAtMs === null ? null : Math.floor((expiresAtMs - now) / 1000) - 1;
    }
    const issued = this.issueAccess(code.clientId, code.userId, code.scopes);
    return { ...issued, refreshToken, refreshExpiresInSeconds: refreshExpires };
  }

  /** A reusable refresh token of this client, or undefined (unknown, revoked, expired, other client). */
  findUsableRefresh(clientId: string, token: string): GoogleRefreshToken | undefined {
    const t = this.refresh.get(token);
    return t && t.clientId === clientId && this.refreshUsable(t) ? t : undefined;
  }

  /** Whether the token exists at all (to tell "expired or revoked" from "bad"). */
  knowsRefresh(token: string): boolean {
    return this.refresh.has(token);
  }

  refreshAccess(t: GoogleRefreshToken): IssuedTokens {
    const issued = this.issueAccess(t.clientId, t.userId, t.scopes);
    const now = this.clock.now();
    const refreshExpires =
      t.expiresAtMs === null ? null : Math.max(0, Math.floor((t.expiresAtMs - now) / 1000));
    return { ...issued, refreshToken: null, refreshExpiresInSeconds: refreshExpires };
  }

  findAccessToken(token: string): GoogleAccessToken | undefined {
    return this.access.get(token);
  }

  isActive(t: GoogleAccessToken): boolean {
    return !t.revoked && this.clock.now() < t.expiresAtMs;
  }

  ownerOf(token: string): { clientId: string; userId: string } | undefined {
    return this.access.get(token) ?? this.refresh.get(token);
  }

  /** Told when a person's grant ends (the webhooks announce it to subscribers). */
  onRevoke: ((userId: string) => void) | null = null;

  /** Ends the grant: every token of this user for this client, and the remembered scopes. */
  revokeGrant(clientId: string, userId: string): void {
    for (const t of this.access.values())
      if (t.clientId === clientId && t.userId === userId) t.revoked = true;
    for (const t of this.refresh.values())
      if (t.clientId === clientId && t.userId === userId) t.revoked = true;
    this.grants.delete(`${clientId}\n${userId}`);
    this.revokedAt.set(userId, this.clock.now());
    this.onRevoke?.(userId);
  }

  /** Control API: the user removes the app(s) from their Google Account. */
  revokeUser(userId: string, clientId?: string): number {
    const clients = new Set(
      [...this.access.values(), ...this.refresh.values()]
        .filter((t) => t.userId === userId && (clientId === undefined || t.clientId === clientId))
        .map((t) => t.clientId),
    );
    for (const c of clients) this.revokeGrant(c, userId);
    return clients.size;
  }

  expireAccessTokens(userId: string): number {
    const now = this.clock.now();
    let n = 0;
    for (const t of this.access.values()) {
      if (t.userId === userId && this.isActive(t)) {
        t.expiresAtMs = now;
        n++;
      }
    }
    return n;
  }

  summary(userId: string, clientId?: string): GoogleTokenSummary {
    const mine = <T extends { userId: string; clientId: string }>(t: T) =>
      t.userId === userId && (clientId === undefined || t.clientId === clientId);
    const liveAccess = [...this.access.values()].filter((t) => mine(t) && this.isActive(t));
    const liveRefresh = [...this.refresh.values()].filter((t) => mine(t) && this.refreshUsable(t));
    const scopes = new Set<string>();
    for (const t of [...liveAccess, ...liveRefresh]) t.scopes.forEach((s) => scopes.add(s));
    return {
      activeAccessTokens: liveAccess.length,
      activeRefreshTokens: liveRefresh.length,
      revokedAt: this.revokedAt.get(userId) ?? null,
      grantedScopes: [...scopes].sort(),
    };
  }

  private refreshUsable(t: GoogleRefreshToken): boolean {
    return !t.revoked && (t.expiresAtMs === null || this.clock.now() < t.expiresAtMs);
  }

  private issueAccess(clientId: string, userId: string, scopes: string[]) {
    const now = this.clock.now();
    const accessToken = `ya29.a0${randomBytes(150).toString("base64url")}`;
    const record: GoogleAccessToken = {
      clientId,
      userId,
      scopes,
      issuedAtMs: now,
      expiresAtMs: now + this.lifetimeSeconds * 1000,
      revoked: false,
    };
    this.access.set(accessToken, record);
    // Google reports one second less than the lifetime (3599 for an hour).
    return { accessToken, expiresInSeconds: Math.max(1, this.lifetimeSeconds - 1), record };
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [k, c] of this.codes) if (c.used || now >= c.expiresAtMs) this.codes.delete(k);
  }
}
