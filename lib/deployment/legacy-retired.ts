import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { legacyProviderIds } from "@/lib/providers/registry";

/**
 * The admin's deployment-wide switch "legacy Fitbit API retired" (issue 9 §1). When on, every
 * legacy connection is "retired by the provider" exactly as a 410 makes it, and syncs stop
 * calling the legacy API (lib/sync/engine.ts asks `isLegacyApiRetired` before each run).
 */
export const LEGACY_RETIRED_KEY = "legacy_api_retired";

/** The reason a connection the switch retired carries; turning the switch off finds them by it. */
export const RETIRED_BY_SWITCH_REASON = "An administrator marked the legacy Fitbit Web API retired for this deployment.";

const settingSchema = z.object({ retired: z.boolean() });

export interface LegacyRetiredSetting {
  retired: boolean;
  changedAt: Date | null;
  changedById: string | null;
}

export async function legacyRetiredSetting(): Promise<LegacyRetiredSetting> {
  const row = await db.deploymentSetting.findUnique({ where: { key: LEGACY_RETIRED_KEY } });
  // A value this version cannot read counts as "off": the switch is an admin's explicit choice.
  const parsed = settingSchema.safeParse(row?.value);
  return { retired: parsed.success && parsed.data.retired, changedAt: row?.updatedAt ?? null, changedById: row?.updatedById ?? null };
}

/** Whether `providerId` is a legacy provider an admin marked retired for the whole deployment. */
export async function isLegacyApiRetired(providerId: string): Promise<boolean> {
  if (!legacyProviderIds().includes(providerId)) return false;
  return (await legacyRetiredSetting()).retired;
}
