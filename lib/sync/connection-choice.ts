import "server-only";
import { db } from "@/lib/db/client";
import { PROVIDER_PRECEDENCE } from "@/lib/providers/precedence";

/**
 * The provider a person's sync (and status panel) is about when none is named: their live
 * connection that comes first by precedence, else any connection they have (so a stopped or
 * revoked one still explains itself), else null.
 */
export async function syncedProviderOf(userId: string): Promise<string | null> {
  const connections = await db.providerConnection.findMany({
    where: { userId },
    select: { provider: true, status: true },
  });
  return syncedProviderFrom(connections);
}

/** syncedProviderOf's rule over connections already loaded (lib/connections/person-connections.ts). */
export function syncedProviderFrom(connections: readonly { provider: string; status: string }[]): string | null {
  const rank = (provider: string) => {
    const index = PROVIDER_PRECEDENCE.indexOf(provider);
    return index === -1 ? PROVIDER_PRECEDENCE.length : index;
  };
  // A copy: the list may be shared by everything a page render asks (React cache).
  const sorted = [...connections].sort(
    (a, b) => Number(b.status === "ACTIVE") - Number(a.status === "ACTIVE") || rank(a.provider) - rank(b.provider),
  );
  return sorted[0]?.provider ?? null;
}

/** Every live connection of a person, in precedence order. */
export async function activeProvidersOf(userId: string): Promise<string[]> {
  const connections = await db.providerConnection.findMany({
    where: { userId, status: "ACTIVE" },
    select: { provider: true },
  });
  return connections
    .map((c) => c.provider)
    .sort((a, b) => PROVIDER_PRECEDENCE.indexOf(a) - PROVIDER_PRECEDENCE.indexOf(b));
}
