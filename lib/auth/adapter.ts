import "server-only";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "next-auth/adapters";
import { participantByLegacyId } from "@/lib/connections/move";
import { db } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";

/**
 * NextAuth's database adapter, written against our schema instead of @next-auth/prisma-adapter:
 * Nightly never stores provider tokens on the Account row (they go, encrypted, into
 * ProviderConnection via the signIn event), and users carry profile fields of their own.
 */

export type NightlyAdapterUser = AdapterUser & { role: User["role"] };

type SessionUserRow = Pick<User, "id" | "name" | "email" | "emailVerified" | "image" | "role"> & { sessionToken: string; userId: string; expires: Date };

function toAdapterUser(user: Pick<User, "id" | "name" | "email" | "emailVerified" | "image" | "role">): NightlyAdapterUser {
  // Fitbit shares no email address; NextAuth's type wants a string. The role rides along so the
  // session callback needs no second query.
  return { id: user.id, name: user.name, email: user.email ?? "", emailVerified: user.emailVerified, image: user.image, role: user.role };
}

export interface NightlyProfileFields {
  timezone?: string | null;
  utcOffsetMs?: number | null;
  memberSince?: string | null;
  unitSystem?: "METRIC" | "US" | "UK";
  /** A successor provider's record of the person's legacy account (Google Health → Fitbit). */
  legacyUserId?: string;
}

export function nightlyAdapter(): Adapter {
  return {
    async createUser(data: AdapterUser) {
      const profile = data as AdapterUser & NightlyProfileFields;
      // First sign-in with a successor provider whose identity names a legacy account Nightly
      // already has: that is the same participant, so their history and studies carry on
      // (issue 9 §1) instead of an empty new account. NextAuth links the account to them.
      const participant = await participantByLegacyId(profile.legacyUserId);
      if (participant) {
        const existing = await db.user.findUnique({ where: { id: participant } });
        if (existing) return toAdapterUser(existing);
      }
      const user = await db.user.create({
        data: {
          name: profile.name ?? null,
          // Staff (OIDC) carry an email; Fitbit shares none.
          email: profile.email ? profile.email.toLowerCase() : null,
          image: profile.image ?? null,
          timezone: profile.timezone ?? null,
          utcOffsetMs: profile.utcOffsetMs ?? null,
          memberSince: profile.memberSince ?? null,
          unitSystem: profile.unitSystem ?? "METRIC",
        },
      });
      return toAdapterUser(user);
    },
    async getUser(id) {
      const user = await db.user.findUnique({ where: { id } });
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      if (!email) return null;
      const user = await db.user.findUnique({ where: { email } });
      return user ? toAdapterUser(user) : null;
    },
    async getUserByAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      const account = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      });
      return account ? toAdapterUser(account.user) : null;
    },
    async updateUser({ id, name, image }) {
      const user = await db.user.update({
        where: { id },
        data: { ...(name !== undefined ? { name } : {}), ...(image !== undefined ? { image } : {}) },
      });
      return toAdapterUser(user);
    },
    async deleteUser(id) {
      await db.user.delete({ where: { id } });
    },
    async linkAccount(account: AdapterAccount) {
      // Only the identity link; tokens are handled by storeGrant() in the signIn event.
      await db.account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      });
    },
    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await db.account.delete({ where: { provider_providerAccountId: { provider, providerAccountId } } });
    },
    async createSession(session) {
      return db.session.create({ data: session, select: { sessionToken: true, userId: true, expires: true } });
    },
    async getSessionAndUser(sessionToken) {
      // Every signed-in request asks: one joined read instead of the two an `include` makes.
      const [found] = await db.$queryRaw<Array<SessionUserRow>>`
        SELECT s."sessionToken", s."userId", s.expires, u.id, u.name, u.email, u."emailVerified", u.image, u.role::text AS role
        FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."sessionToken" = ${sessionToken}`;
      if (!found) return null;
      const session: AdapterSession = { sessionToken: found.sessionToken, userId: found.userId, expires: found.expires };
      return { session, user: toAdapterUser(found) };
    },
    async updateSession({ sessionToken, ...data }) {
      const updated = await db.session.updateMany({ where: { sessionToken }, data });
      if (updated.count === 0) return null;
      return db.session.findUnique({ where: { sessionToken }, select: { sessionToken: true, userId: true, expires: true } });
    },
    async deleteSession(sessionToken) {
      await db.session.deleteMany({ where: { sessionToken } });
    },
  };
}
