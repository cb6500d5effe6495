import "server-only";
import { assertDatabaseAvailable } from "@/lib/db/availability";
import { AppError } from "@/lib/errors/app-error";
import { ProviderApiError } from "@/lib/providers/types";
import { SyncAborted, SyncPause } from "./requester";

/**
 * What went wrong with one chunk, when it is about that chunk alone (issue 6 §4): the provider
 * sent something Nightly cannot read (schema, impossible dates, out-of-range numbers), refused
 * that one request with a 4xx, or the rows could not be normalized or written. Such a chunk is
 * retried and then skipped; the rest of the sync goes on.
 */
export type ChunkProblem =
  | { kind: "invalid_payload"; path: string; issue: string | undefined; details: unknown }
  | { kind: "client"; path: string; status: number; details: unknown }
  | { kind: "chunk_failed"; path: string; details: unknown };

/** Prisma's codes for "could not reach / talk to the database in time": never a chunk's fault. */
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1011", "P1017", "P2024", "P2028"]);

/**
 * Classifies a failure of one chunk. Returns null for everything the engine handles for the
 * whole run: pauses, aborts, refused tokens, retired APIs, rate limits, provider outages, a
 * missing scope (the metric becomes unavailable) and a database that does not answer.
 */
export async function chunkProblemOf(error: unknown, signal: AbortSignal | undefined): Promise<ChunkProblem | null> {
  if (error instanceof SyncPause || error instanceof SyncAborted || error instanceof AppError) return null;
  if (signal?.aborted) return null;
  if (error instanceof ProviderApiError) {
    const failure = error.failure;
    if (failure.kind === "invalid_payload")
      return { kind: "invalid_payload", path: error.path, issue: failure.issues[0], details: failure };
    if (failure.kind === "client") return { kind: "client", path: error.path, status: failure.status, details: failure };
    return null;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return null;
  // Normalizing or writing failed. If the database itself is gone, that is an outage, not this
  // chunk: let the run end and resume later (issue 6 §2).
  try {
    await assertDatabaseAvailable(5000);
  } catch {
    return null;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: "chunk_failed", path: "", details: { error: message.slice(0, 500) } };
}
