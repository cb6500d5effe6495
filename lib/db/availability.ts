import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { db } from "./client";

/**
 * Telling "the database is down" apart from "you are signed out" (issue 6 §2). NextAuth swallows
 * a failed session lookup and reports no session; a request that carries a session cookie and
 * got none asks the database directly, and answers 503 when it does not answer.
 */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(503, "temporarily_unavailable", "Nightly is temporarily unavailable. Please try again in a minute.");
    this.name = "DatabaseUnavailableError";
  }
}

/** Resolves when PostgreSQL answers within `timeoutMs`; throws DatabaseUnavailableError otherwise. */
export async function assertDatabaseAvailable(timeoutMs = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database probe timed out")), timeoutMs);
      }),
    ]);
  } catch {
    throw new DatabaseUnavailableError();
  } finally {
    clearTimeout(timer);
  }
}
