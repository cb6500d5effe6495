import "server-only";
import { db } from "@/lib/db/client";
import type { ProviderConnection } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { isLegacyApiRetired, RETIRED_BY_SWITCH_REASON } from "./legacy-retired";

/**
 * A legacy connection about to be used while the deployment's "legacy API retired" switch is on
 * (one that appeared after the switch was turned on, e.g. a new Fitbit sign-in): retire it now,
 * without a request to the legacy API. Returns the connection as it stands afterwards.
 */
export async function retireBySwitch(connection: ProviderConnection): Promise<ProviderConnection> {
  if (connection.movedAt || (connection.status !== "ACTIVE" && connection.status !== "NEEDS_RECONSENT")) return connection;
  if (!(await isLegacyApiRetired(connection.provider))) return connection;
  await db.providerConnection.updateMany({
    where: { id: connection.id, status: { in: ["ACTIVE", "NEEDS_RECONSENT"] } },
    data: { status: "RETIRED", statusReason: RETIRED_BY_SWITCH_REASON },
  });
  log.warn("connection retired by the deployment's legacy switch", { connectionId: connection.id });
  return { ...connection, status: "RETIRED", statusReason: RETIRED_BY_SWITCH_REASON };
}
