import "server-only";
import type { NextAuthOptions } from "next-auth";
import { env } from "@/lib/config/env";
import { recordAudit } from "@/lib/audit/record";
import { storeGrant } from "@/lib/connections/connections";
import { checkMove, completeMove } from "@/lib/connections/move";
import { db } from "@/lib/db/client";
import { isLegacyApiRetired } from "@/lib/deployment/legacy-retired";
import { completeReauthorizationOfSignIn } from "@/lib/import/shimmer/complete-reauthorization";
import { log } from "@/lib/log";
import { enqueueSync } from "@/lib/sync/queue";
import { isKnownProvider, providerById, signInProviders } from "@/lib/providers/registry";
import type { SignInProfile } from "@/lib/providers/types";
import { nightlyAdapter, type NightlyAdapterUser } from "./adapter";
import { signedInUserId } from "./signed-in-user";
import { onStaffSignIn } from "./staff-sign-in";
import { staffProvider, STAFF_PROVIDER_ID } from "./staff-provider";

let cached: NextAuthOptions | undefined;

/** NextAuth configuration, built on first use so `next build` needs no secrets. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    adapter: nightlyAdapter(),
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    providers: [...signInProviders(), ...[staffProvider()].filter((provider) => provider !== null)],
    pages: { signIn: "/", error: "/auth/error" },
    callbacks: {
      // A person already signed in who consents again must come back as themself: the same
      // account at the same provider ("Ask again" that picked another account), or, moving to a
      // successor provider, an identity naming their legacy account (issue 9 §1). Otherwise
      // nothing is linked and the dashboard says why.
      async signIn({ account, profile }) {
        if (!account || !isKnownProvider(account.provider)) return true;
        // The landing page no longer offers the legacy API once it is marked retired; a sign-in
        // started anyway (an old bookmark, a crafted POST) must not create a connection that the
        // first sync would retire.
        if (await isLegacyApiRetired(account.provider)) {
          await recordAudit({ action: "signin.refused", outcome: "refused", target: account.provider, details: { reason: "legacy_retired" } });
          return "/?legacy=retired";
        }
        const userId = await signedInUserId();
        if (!userId) return true;
        const existing = await db.providerConnection.findUnique({
          where: { userId_provider: { userId, provider: account.provider } },
          select: { providerUserId: true },
        });
        if (existing && existing.providerUserId !== account.providerAccountId) {
          await recordAudit({ action: "signin.refused", outcome: "refused", actorId: userId, subjectUserId: userId, target: account.provider, details: { reason: "other_account" } });
          return `/dashboard?signin=other_account&provider=${encodeURIComponent(account.provider)}`;
        }
        const check = await checkMove(userId, account.provider, providerById(account.provider).legacyUserIdOf?.(profile));
        if (check === "mismatch" || check === "no_legacy") {
          await recordAudit({ action: "signin.refused", outcome: "refused", actorId: userId, subjectUserId: userId, target: account.provider, details: { reason: `move_${check}` } });
          return `/dashboard?move=${check}`;
        }
        return true;
      },
      session({ session, user }) {
        const role = (user as Partial<NightlyAdapterUser>).role ?? "PARTICIPANT";
        return { ...session, user: { ...session.user, id: user.id, role } };
      },
    },
    events: {
      // Runs after the user row and account link exist, on every sign-in: store the fresh
      // tokens (encrypted) and keep the profile fields current.
      async signIn({ user, account, profile }) {
        if (account?.provider === STAFF_PROVIDER_ID) return onStaffSignIn(user.id, user.email ?? null);
        if (!account || !isKnownProvider(account.provider) || !account.access_token || !account.refresh_token) return;
        const fields = profile as unknown as SignInProfile | undefined;
        const mapped = fields && "unitSystem" in fields ? fields : undefined;
        await storeGrant({
          userId: user.id,
          provider: account.provider,
          providerUserId: account.providerAccountId,
          ...(mapped && mapped.legacyUserId !== undefined ? { legacyUserId: mapped.legacyUserId } : {}),
          accessToken: account.access_token,
          refreshToken: account.refresh_token,
          expiresAt: account.expires_at ?? Math.floor(Date.now() / 1000) + 3600,
          scope: account.scope ?? "",
        });
        if (mapped && mapped.timezone) {
          await db.user.update({
            where: { id: user.id },
            data: {
              name: mapped.name,
              image: mapped.image,
              timezone: mapped.timezone,
              utcOffsetMs: mapped.utcOffsetMs,
              memberSince: mapped.memberSince,
              unitSystem: mapped.unitSystem,
            },
          });
        }
        await recordAudit({ action: "signin", actorId: user.id, actorEmail: user.email ?? null, subjectUserId: user.id, details: { provider: account.provider } });
        // A sign-in that started at an imported OAuth 1.0 record's link (issue 9 §2).
        await completeReauthorizationOfSignIn(user.id, account.provider).catch((error: unknown) =>
          log.error("could not complete an imported authorization", { userId: user.id, error: error instanceof Error ? error.message : String(error) }),
        );
        log.info("signed in", { userId: user.id, provider: account.provider });
        if (mapped && (await checkMove(user.id, account.provider, mapped.legacyUserId)) === "match")
          await completeMove(user.id, account.provider);
        // First sync (or catch-up after re-consent). A queue hiccup must not fail the sign-in:
        // the scheduled sync picks the person up anyway.
        await enqueueSync(user.id, "signin", { provider: account.provider }).catch((error: unknown) =>
          log.error("could not queue sync after sign-in", { userId: user.id, error: error instanceof Error ? error.message : String(error) }),
        );
      },
    },
    logger: {
      // NextAuth's default logger prints whole error objects, which can include request
      // details; keep it to codes.
      error: (code, metadata) => log.error("next-auth error", { code, detail: errorDetail(metadata) }),
      warn: (code) => log.warn("next-auth warning", { code }),
      debug: () => {},
    },
  };
  return cached;
}

/** The error's own message (e.g. "expected 200 OK, got: 400"), never the request it came with. */
function errorDetail(metadata: unknown): string | undefined {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : undefined;
}
