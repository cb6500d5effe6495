import "server-only";
import { db } from "@/lib/db/client";
import type { UnitSystem } from "@/lib/units";

export interface UserPrefs {
  timezone: string | null;
  unitSystem: UnitSystem;
}

/** The person's timezone (for "today") and unit system (for water). */
export async function getUserPrefs(userId: string): Promise<UserPrefs> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timezone: true, unitSystem: true } });
  return { timezone: user.timezone, unitSystem: user.unitSystem };
}
