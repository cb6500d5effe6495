/**
 * Connects a demo person to a fresh Nightly user exactly as a sign-in would: the emulator's
 * OAuth flow over HTTP, then storeGrant. Shared by integration tests and the bench.
 * Needs the server env set first (lib/testing/test-env.ts setServerEnv or equivalent).
 */
import { DEFAULT_CLIENT } from "../../emulator/server";
import { obtainTokens } from "../../emulator/testing";
import { findPerson } from "../../emulator/people";
import type { FitbitScope, RegisteredClient } from "../../emulator/types";
import { FITBIT_PROVIDER_ID } from "../providers/fitbit/id";
import { FITBIT_REQUESTED_SCOPES } from "../providers/fitbit/scopes";

export const ALL_SCOPES: FitbitScope[] = [...FITBIT_REQUESTED_SCOPES];

/** Creates a User for a demo person and connects it (needs setServerEnv done). */
export async function connectPerson(
  emulatorUrl: string,
  personId: string,
  options: { scopes?: FitbitScope[]; claimScope?: string; client?: RegisteredClient } = {},
): Promise<string> {
  const { db } = await import("../db/client");
  const { storeGrant } = await import("../connections/connections");
  const person = findPerson(personId);
  if (!person) throw new Error(`no demo person ${personId}`);
  const user = await db.user.create({
    data: { name: person.displayName, timezone: person.timezone, memberSince: person.memberSince },
  });
  // A Fitbit account links to one Nightly user: tests reuse demo people, so unlink earlier users.
  await db.providerConnection.deleteMany({
    where: { provider: FITBIT_PROVIDER_ID, providerUserId: personId },
  });
  const tokens = await obtainTokens(emulatorUrl, options.client ?? DEFAULT_CLIENT, {
    personId,
    scopes: options.scopes ?? ALL_SCOPES,
  });
  await storeGrant({
    userId: user.id,
    provider: FITBIT_PROVIDER_ID,
    providerUserId: tokens.user_id,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: Math.floor(Date.now() / 1000) + tokens.expires_in,
    // Tests of the 403 path claim more than the token really carries.
    scope: options.claimScope ?? tokens.scope,
  });
  return user.id;
}


/** Connects a demo person through the emulator's Google side, as "Sign in with Google" would. */
export async function connectGooglePerson(
  emulatorUrl: string,
  personId: string,
  options: { scopes?: readonly string[]; userId?: string } = {},
): Promise<string> {
  const { db } = await import("../db/client");
  const { storeGrant } = await import("../connections/connections");
  const { DEFAULT_GOOGLE_CLIENT } = await import("../../emulator/server");
  const { obtainGoogleTokens } = await import("../../emulator/google/testing");
  const { findGooglePerson } = await import("../../emulator/google/people");
  const { GOOGLE_HEALTH_PROVIDER_ID } = await import("../providers/google/id");
  const google = findGooglePerson(personId);
  if (!google) throw new Error(`no Google demo person ${personId}`);
  const userId =
    options.userId ??
    (
      await db.user.create({
        data: { name: google.person.displayName, timezone: google.person.timezone, memberSince: google.person.memberSince },
      })
    ).id;
  await db.providerConnection.deleteMany({
    where: { provider: GOOGLE_HEALTH_PROVIDER_ID, providerUserId: google.healthUserId },
  });
  const tokens = await obtainGoogleTokens(emulatorUrl, DEFAULT_GOOGLE_CLIENT, {
    personId: google.healthUserId,
    ...(options.scopes ? { scopes: options.scopes } : {}),
  });
  await storeGrant({
    userId,
    provider: GOOGLE_HEALTH_PROVIDER_ID,
    providerUserId: google.healthUserId,
    legacyUserId: google.person.encodedId,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? "",
    expiresAt: Math.floor(Date.now() / 1000) + tokens.expires_in,
    scope: tokens.scope,
  });
  return userId;
}
