import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";

/** The console's search box: name, email or a provider's user id. Shared by page and tests. */
export const userSearchSchema = z.string().trim().max(100).catch("");

const PAGE = 50;

/** People for the admin console, with their connections (never token material) and studies. */
export async function searchUsers(q: string) {
  const where = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" as const } },
          { email: { contains: q, mode: "insensitive" as const } },
          { connections: { some: { providerUserId: { equals: q, mode: "insensitive" as const } } } },
          { reauthorizations: { some: { username: { equals: q, mode: "insensitive" as const } } } },
        ],
      }
    : {};
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        createdAt: true,
        connections: { select: { provider: true, providerUserId: true, status: true, statusReason: true, grantedScopes: true, lastRefreshedAt: true, connectedAt: true }, orderBy: { connectedAt: "desc" } },
        enrolments: { where: { leftAt: null }, select: { study: { select: { name: true } } } },
        // Imported OAuth 1.0 records this person re-authorized (issue 9 §2): their old username.
        reauthorizations: { select: { username: true, reauthorizedAt: true }, orderBy: { reauthorizedAt: "asc" } },
        _count: { select: { sessions: true } },
      },
      orderBy: { createdAt: "desc" },
      take: PAGE,
    }),
    db.user.count({ where }),
  ]);
  return { users, total, shown: users.length };
}

export type AdminUser = Awaited<ReturnType<typeof searchUsers>>["users"][number];
