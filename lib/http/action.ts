import "server-only";
import { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * Every mutation goes through here: the caller is authenticated on the server, the input is
 * checked with zod, and failures come back as a typed result instead of a thrown 500.
 */
export function authenticatedAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, user: SessionUser) => Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
    if (!parsed.success) {
      return { ok: false, error: { code: "bad_request", message: "The request was not valid." } };
    }
    try {
      const user = await requireUser();
      return { ok: true, data: await run(parsed.data, user) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
      // redirect()/notFound() signal through exceptions; let Next.js handle them.
      if (error instanceof Error && "digest" in error) throw error;
      log.error("action failed", { error: error instanceof Error ? error.message : String(error) });
      return { ok: false, error: { code: "internal", message: "Something went wrong on our side." } };
    }
  };
}
