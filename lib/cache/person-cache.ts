import "server-only";
import type { AuthorizedSubject } from "@/lib/authz/subject";
import { personDataVersion } from "./person-data-version";

/**
 * Per-process cache of what a person's pages compute from their data (decision 0020). A key
 * holds the person, who is looking and under which grant (metrics, window, study), the person's
 * data version, the query and its arguments; so an entry is only ever served to the same viewer
 * of the same person with the same grant, and a write to the person's data (sync commit, push,
 * deletion, revocation, admin action, in any process) makes every older entry unreachable.
 * Authorization is not cached: it runs before every call. Arguments must carry whatever else a
 * result depends on (the range, the person's local "today").
 */
const MAX_ENTRIES = 2000;
const entries = new Map<string, Promise<unknown>>();

function remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const hit = entries.get(key) as Promise<T> | undefined;
  if (hit) {
    // Map order is insertion order: moving a hit to the end makes the first entry the least used.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const pending = compute();
  entries.set(key, pending);
  // A failure is not remembered: the next request asks the database again.
  pending.catch(() => {
    if (entries.get(key) === pending) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return pending;
}

function grantOf(subject: AuthorizedSubject): string {
  return JSON.stringify([subject.userId, subject.viewerId, subject.metrics, subject.window, subject.studyId]);
}

/** `compute()`'s result for this subject, reused while the person's data is unchanged. */
export async function forSubject<T>(subject: AuthorizedSubject, query: string, args: unknown, compute: () => Promise<T>): Promise<T> {
  const version = await personDataVersion(subject.userId);
  return remember(`${grantOf(subject)}|${version}|${query}|${JSON.stringify(args)}`, compute);
}

/**
 * The same for what a signed-in person reads about themself without a subject (their sync
 * status, connections): keyed by their own id only; callers pass the id of the session's user.
 */
export async function forSelf<T>(userId: string, query: string, args: unknown, compute: () => Promise<T>): Promise<T> {
  const version = await personDataVersion(userId);
  return remember(`${JSON.stringify(["self", userId])}|${version}|${query}|${JSON.stringify(args)}`, compute);
}

/** A key part for results that read the clock (a sync panel's "due in"): fresh each minute. */
export function currentMinute(now = Date.now()): number {
  return Math.floor(now / 60_000);
}

/** Tests: forget everything (as a restarted process would). */
export function clearPersonCache(): void {
  entries.clear();
}
