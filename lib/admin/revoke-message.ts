import type { RevokeAccessResult } from "./revoke-access";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** What the admin reads after a revocation: each step, in words, including what only happened here. */
export function revokeMessage(result: RevokeAccessResult): string {
  const providers = result.providers.length === 0
    ? "No provider connection to revoke."
    : result.providers
        .map((p) => (p.outcome === "revoked" ? `${p.name}: revoked at the provider, tokens deleted.` : `${p.name}: tokens deleted, but ${p.name} could not be reached to revoke them.`))
        .join(" ");
  const data = result.rowsDeleted === null ? "Synced data kept." : `Synced data deleted (${plural(result.rowsDeleted, "row")}).`;
  return [
    "Access revoked.",
    providers,
    `${plural(result.sessionsEnded, "session")} ended, ${plural(result.jobsCancelled, "queued sync")} cancelled, ${plural(result.apiTokensRevoked, "API token")} revoked.`,
    data,
  ].join(" ");
}
