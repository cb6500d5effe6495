/**
 * PostgreSQL aborts one of two transactions that wait on each other (deadlock, 40P01) or that
 * cannot be serialised (40001); Prisma reports both as P2034, "please retry". The cohort
 * triggers (decision 0015) lock a person's cohort rows at commit, so any writer that touches a
 * person's health data or study membership can meet a sync commit of the same person that way.
 * Writers whose work is idempotent wrap their transaction in this: the aborted attempt left
 * nothing behind, so running it again is safe.
 */
export async function retryOnWriteConflict<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isWriteConflict(error) || attempt >= attempts) throw error;
      // A short, growing, jittered pause lets the other transaction commit first.
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 50 * attempt));
    }
  }
}

/** P2034 from Prisma; the SQLSTATE itself when a raw query or the driver adapter surfaces it. */
export function isWriteConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === "P2034" || code === "40P01" || code === "40001") return true;
  return typeof message === "string" && /deadlock detected|could not serialize access/.test(message);
}
