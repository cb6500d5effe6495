/**
 * Authorization codes, access tokens and refresh tokens, with Fitbit's rules (reference §1):
 * codes live 10 minutes and are single-use; access tokens live `lifetimeSeconds`; refresh tokens
 * never expire but are single-use, one active per user per client; an identical refresh request
 * within two minutes replays the first response byte for byte.
 *
 * Token values are secrets: nothing in here logs them, and summaries never include them.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import type { FitbitScope } from "../types";
import { jwtScopes } from "./scopes";

export const CODE_LIFETIME_MS = 10 * 60_000;
export const REFRESH_REPLAY_WINDOW_MS = 120_000;

export interface AuthCode {
  clientId: string;
  /** The redirect_uri sent to authorize, or null when it was omitted (then not required). */
  redirectUri: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain";
  userId: string;
  scopes: FitbitScope[];
  expiresAtMs: number;
  used: boolean;
}

export interface AccessToken {
  clientId: string;
  userId: string;
  scopes: FitbitScope[];
  issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

interface RefreshToken {
  clientId: string;
  userId: string;
  scopes: FitbitScope[];
  /** active -> used (rotated) | replaced (newer grant) | revoked. */
  status: "active" | "used" | "replaced" | "revoked";
}

interface Replay {
  clientId: string;
  userId: string;
  rawBody: string;
  firstUseMs: number;
  response: string;
}

export type RefreshOutcome = { ok: true; response: string } | { ok: false };

export interface TokenSummary {
  activeAccessTokens: number;
  activeRefreshTokens: number;
  revokedAt: number | null;
  grantedScopes: FitbitScope[];
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export class TokenStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  /** Keyed by client id + refresh token. */
  private readonly replays = new Map<string, Replay>();
  private readonly revokedAt = new Map<string, number>();
  /** Per-instance signing key: tokens look like Fitbit's HS256 JWTs but are opaque to clients. */
  private readonly jwtKey = randomBytes(32);

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
  ) {}

  issueCode(fields: Omit<AuthCode, "expiresAtMs" | "used">): string {
    this.prune();
    const code = randomBytes(20).toString("hex");
    this.codes.set(code, {
      ...fields,
      expiresAtMs: this.clock.now() + CODE_LIFETIME_MS,
      used: false,
    });
    return code;
  }

  /** The code if it exists, is unused and unexpired; the caller checks client, URI and PKCE. */
  findUsableCode(code: string): AuthCode | undefined {
    const found = this.codes.get(code);
    if (!found || found.used || this.clock.now() >= found.expiresAtMs) return undefined;
    return found;
  }

  /** Exchanges a validated code for a token pair; returns the serialised §1.6 body. */
  redeemCode(code: AuthCode): string {
    code.used = true;
    return this.issuePair(code.clientId, code.userId, code.scopes);
  }

  /** Refresh grant including the two-minute replay rule. */
  useRefreshToken(clientId: string, token: string, rawBody: string): RefreshOutcome {
    const key = `${clientId}\n${token}`;
    const replay = this.replays.get(key);
    if (replay) {
      const fresh = this.clock.now() - replay.firstUseMs <= REFRESH_REPLAY_WINDOW_MS;
      return fresh && replay.rawBody === rawBody
        ? { ok: true, response: replay.response }
        : { ok: false };
    }
    const record = this.refresh.get(token);
    if (!record || record.clientId !== clientId || record.status !== "active") return { ok: false };
    record.status = "used";
    const response = this.issuePair(clientId, record.userId, record.scopes);
    this.replays.set(key, {
      clientId,
      userId: record.userId,
      rawBody,
      firstUseMs: this.clock.now(),
      response,
    });
    return { ok: true, response };
  }

  /** Access token record, whatever its state (the API core distinguishes expired/revoked). */
  findAccessToken(token: string): AccessToken | undefined {
    return this.access.get(token);
  }

  isActive(token: AccessToken): boolean {
    return !token.revoked && this.clock.now() < token.expiresAtMs;
  }

  /** Owner of an access or refresh token, for revocation. */
  ownerOf(token: string): { clientId: string; userId: string } | undefined {
    return this.access.get(token) ?? this.refresh.get(token);
  }

  /** Revokes every access and refresh token of this user for this client (reference §1.7). */
  revokeAll(clientId: string, userId: string): void {
    for (const t of this.access.values()) {
      if (t.clientId === clientId && t.userId === userId) t.revoked = true;
    }
    for (const t of this.refresh.values()) {
      if (t.clientId === clientId && t.userId === userId && t.status === "active")
        t.status = "revoked";
    }
    for (const [key, r] of this.replays) {
      if (r.clientId === clientId && r.userId === userId) this.replays.delete(key);
    }
    this.revokedAt.set(userId, this.clock.now());
  }

  /** Control API: every live access token of the user becomes expired as of now. */
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

  summary(userId: string, clientId?: string): TokenSummary {
    const mine = <T extends { userId: string; clientId: string }>(t: T) =>
      t.userId === userId && (clientId === undefined || t.clientId === clientId);
    const liveAccess = [...this.access.values()].filter((t) => mine(t) && this.isActive(t));
    const liveRefresh = [...this.refresh.values()].filter((t) => mine(t) && t.status === "active");
    const scopes = new Set<FitbitScope>();
    for (const t of [...liveAccess, ...liveRefresh]) t.scopes.forEach((s) => scopes.add(s));
    return {
      activeAccessTokens: liveAccess.length,
      activeRefreshTokens: liveRefresh.length,
      revokedAt: this.revokedAt.get(userId) ?? null,
      grantedScopes: [...scopes].sort(),
    };
  }

  private issuePair(clientId: string, userId: string, scopes: FitbitScope[]): string {
    const now = this.clock.now();
    // One active refresh token per user per client: a new pair retires the previous one.
    for (const t of this.refresh.values()) {
      if (t.clientId === clientId && t.userId === userId && t.status === "active")
        t.status = "replaced";
    }
    const expiresAtMs = now + this.lifetimeSeconds * 1000;
    const accessToken = this.signJwt(clientId, userId, scopes, now, expiresAtMs);
    const refreshToken = randomBytes(32).toString("hex");
    this.access.set(accessToken, {
      clientId,
      userId,
      scopes,
      issuedAtMs: now,
      expiresAtMs,
      revoked: false,
    });
    this.refresh.set(refreshToken, { clientId, userId, scopes, status: "active" });
    // Field order as in reference §1.6.
    return JSON.stringify({
      access_token: accessToken,
      expires_in: this.lifetimeSeconds,
      refresh_token: refreshToken,
      scope: scopes.join(" "),
      token_type: "Bearer",
      user_id: userId,
    });
  }

  /** HS256 JWT with Fitbit's claims. `jti` is an addition so two tokens minted in the same
   * second for the same user never collide (the emulator keys tokens by value). */
  private signJwt(aud: string, sub: string, scopes: FitbitScope[], iatMs: number, expMs: number) {
    const header = b64url(JSON.stringify({ alg: "HS256" }));
    const payload = b64url(
      JSON.stringify({
        aud,
        sub,
        iss: "Fitbit",
        typ: "access_token",
        scopes: jwtScopes(scopes),
        exp: Math.floor(expMs / 1000),
        iat: Math.floor(iatMs / 1000),
        jti: randomBytes(8).toString("hex"),
      }),
    );
    const signature = createHmac("sha256", this.jwtKey)
      .update(`${header}.${payload}`)
      .digest("base64url");
    return `${header}.${payload}.${signature}`;
  }

  /** Drops dead codes and stale replays so a long-running emulator stays small. */
  private prune(): void {
    const now = this.clock.now();
    for (const [k, c] of this.codes) if (c.used || now >= c.expiresAtMs) this.codes.delete(k);
    for (const [k, r] of this.replays) {
      if (now - r.firstUseMs > REFRESH_REPLAY_WINDOW_MS) this.replays.delete(k);
    }
    // Expired access tokens are kept on purpose: clients must keep seeing `expired_token`, not
    // `invalid_token`, however late they call. At demo scale (a few per user per day) that's fine.
  }
}
