import "server-only";
import type { Viewer } from "@/lib/authz/viewer";
import { db } from "@/lib/db/client";
import { LEGACY_RETIRED_KEY, RETIRED_BY_SWITCH_REASON } from "@/lib/deployment/legacy-retired";
import { log } from "@/lib/log";
import { legacyProviderIds } from "@/lib/providers/registry";

export interface LegacyRetiredChange {
  retired: boolean;
  /** Connections retired (switch on) or given back to the legacy API (switch off). */
  connections: number;
}

/**
 * The admin turns "legacy Fitbit API retired" on or off for the whole deployment, in one
 * transaction with its audit entry. On: every live legacy connection that has not moved becomes
 * RETIRED, exactly as a 410 leaves it (history and tokens kept; the participant is asked to
 * update). Off: only the connections the switch retired become ACTIVE again (a real 410 stays);
 * their tokens are still there unless the dead-token purge took them, in which case they stay
 * retired.
 */
export async function setLegacyApiRetired(admin: Viewer, retired: boolean): Promise<LegacyRetiredChange> {
  const legacy = legacyProviderIds();
  const connections = await db.$transaction(async (tx) => {
    await tx.deploymentSetting.upsert({
      where: { key: LEGACY_RETIRED_KEY },
      create: { key: LEGACY_RETIRED_KEY, value: { retired }, updatedById: admin.id },
      update: { value: { retired }, updatedById: admin.id },
    });
    const changed = retired
      ? await tx.providerConnection.updateMany({
          where: { provider: { in: legacy }, movedAt: null, status: { in: ["ACTIVE", "NEEDS_RECONSENT"] } },
          data: { status: "RETIRED", statusReason: RETIRED_BY_SWITCH_REASON },
        })
      : await tx.providerConnection.updateMany({
          where: { provider: { in: legacy }, movedAt: null, status: "RETIRED", statusReason: RETIRED_BY_SWITCH_REASON, refreshTokenEnc: { not: null } },
          data: { status: "ACTIVE", statusReason: null },
        });
    await tx.auditLog.create({
      data: { action: "deployment.legacy_retired", outcome: "ok", actorId: admin.id, target: legacy.join(","), details: { retired, connections: changed.count } },
    });
    return changed.count;
  });
  log.info("legacy API retired switch changed", { retired, connections, adminId: admin.id });
  return { retired, connections };
}
