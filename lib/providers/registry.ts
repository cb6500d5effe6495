import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { fitbit } from "./fitbit/provider";
import { googleHealth } from "./google/provider";
import { PROVIDER_PRECEDENCE } from "./precedence";
import type { Provider } from "next-auth/providers/index";
import type { HealthProvider } from "./types";

/** Every provider Nightly can sync from, by id. Adding a provider means adding it here. */
const PROVIDERS: readonly HealthProvider[] = [googleHealth, fitbit];

export function providerById(id: string): HealthProvider {
  const provider = PROVIDERS.find((candidate) => candidate.id === id);
  if (!provider) throw new AppError(400, "bad_request", "Unknown data provider.");
  return provider;
}

export function isKnownProvider(id: string): boolean {
  return PROVIDERS.some((candidate) => candidate.id === id);
}

/** Providers in precedence order (the first one with data for a day is the one shown). */
export function providersByPrecedence(): HealthProvider[] {
  return [...PROVIDERS].sort((a, b) => PROVIDER_PRECEDENCE.indexOf(a.id) - PROVIDER_PRECEDENCE.indexOf(b.id));
}

/** The NextAuth providers of every configured provider (a provider without credentials is left out). */
export function signInProviders(): Provider[] {
  return PROVIDERS.filter((provider) => provider.configured()).map((provider) => provider.nextAuthProvider());
}

/** Which providers offer sign-in here, for the sign-in page (ids only; client-safe data). */
export function configuredProviderIds(): string[] {
  return PROVIDERS.filter((provider) => provider.configured()).map((provider) => provider.id);
}

/**
 * Moves between providers: the successor's identity names the person's id at the legacy
 * provider (Google Health's users/me/identity `legacyUserId` is the Fitbit user id), so a
 * connection to the successor can join the participant who had the legacy one.
 */
const MOVES: ReadonlyArray<{ legacy: HealthProvider; successor: HealthProvider }> = [{ legacy: fitbit, successor: googleHealth }];

/** The legacy provider a provider succeeds, if any. */
export function legacyProviderOf(providerId: string): HealthProvider | null {
  return MOVES.find((move) => move.successor.id === providerId)?.legacy ?? null;
}

/** The provider that succeeds a legacy one, if any. */
export function successorProviderOf(providerId: string): HealthProvider | null {
  return MOVES.find((move) => move.legacy.id === providerId)?.successor ?? null;
}

/** Every provider some other provider succeeds. */
export function legacyProviderIds(): string[] {
  return MOVES.map((move) => move.legacy.id);
}
