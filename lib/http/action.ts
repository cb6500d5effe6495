import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { allowedOrigins, crossSiteReason } from "./same-origin";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * Every mutation goes through here, in the same order as routes: refuse cross-site callers,
 * authenticate, then check the input with zod (so anonymous callers learn nothing about it);
 * failures come back as a typed result instead of a thrown 500.
 */
export function authenticatedAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, user: SessionUser) => Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      await refuseCrossSite();
      const user = await requireUser();
      const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
      if (!parsed.success) {
        return { ok: false, error: { code: "bad_request", message: "The request was not valid." } };
      }
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

async function refuseCrossSite(): Promise<void> {
  const requestHeaders = await headers();
  const protocol = env().NEXTAUTH_URL.startsWith("https:") ? "https:" : "http:";
  const reason = crossSiteReason(requestHeaders, allowedOrigins(env().NEXTAUTH_URL, requestHeaders, protocol));
  if (reason) {
    log.warn("cross-site action refused", { reason });
    throw new AppError(403, "forbidden", "Requests from other sites are not accepted.");
  }
}
