import "server-only";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { safeAvatarUrl } from "@/lib/providers/avatar-hosts";
import { fitbitGet } from "./api-client";
import { fitbitProfileSchema, unitSystemFromProfile } from "./schemas";

export interface LiveProfile {
  fitbitUserId: string;
  displayName: string | null;
  avatar: string | null;
  timezone: string | null;
  memberSince: string | null;
  unitSystem: "METRIC" | "US" | "UK";
}

/** Reads the profile from Fitbit now (through the token manager) and stores the fields we show. */
export async function refreshProfile(userId: string): Promise<LiveProfile> {
  const { data } = await fitbitGet(userId, "/1/user/-/profile.json", fitbitProfileSchema);
  const user = data.user;
  const profile: LiveProfile = {
    fitbitUserId: user.encodedId,
    displayName: user.displayName ?? user.fullName ?? null,
    avatar: safeAvatarUrl(user.avatar150 ?? user.avatar, env().FITBIT_API_BASE_URL),
    timezone: user.timezone ?? null,
    memberSince: user.memberSince ?? null,
    unitSystem: unitSystemFromProfile(user),
  };
  await db.user.update({
    where: { id: userId },
    data: {
      name: profile.displayName,
      image: profile.avatar,
      timezone: profile.timezone,
      utcOffsetMs: user.offsetFromUTCMillis ?? null,
      memberSince: profile.memberSince,
      unitSystem: profile.unitSystem,
    },
  });
  return profile;
}
