import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { authorizeSelf, authorizeStudy, requireRole, type AuthorizedStudy } from "@/lib/authz/authorize";
import type { AuthorizedSubject } from "@/lib/authz/subject";
import type { Viewer } from "@/lib/authz/viewer";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { allowedOrigins, crossSiteReason } from "./same-origin";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * Who may run an action, checked on the server before it runs (lib/authz; refusals audited):
 * "self" (their own data), a staff role, or membership of the study named by `input.studyId`.
 */
export type ActionAllow = "self" | { roles: readonly Role[] } | { study: "member" };

export interface ActionContext {
  user: SessionUser;
  viewer: Viewer;
  subject: AuthorizedSubject;
  study: AuthorizedStudy | null;
}

/**
 * Every mutation goes through here, in the same order as routes: refuse cross-site callers,
 * authenticate, check the input with zod (so anonymous callers learn nothing about it),
 * authorize, run; failures come back as a typed result instead of a thrown 500.
 */
export function defineAction<S extends z.ZodType, T>(
  spec: { input: S; allow: ActionAllow; name: string },
  run: (input: z.infer<S>, context: ActionContext) => Promise<T>,
) {
  const action = async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      await refuseCrossSite();
      const user = await requireUser();
      const parsed = spec.input.safeParse(raw instanceof FormData ? formToObject(raw) : raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, error: { code: "bad_request", message: issue ? `The request was not valid: ${issue.message}` : "The request was not valid." } };
      }
      const viewer: Viewer = { id: user.id, role: user.role, via: "session" };
      const target = `action:${spec.name}`;
      let study: AuthorizedStudy | null = null;
      if (typeof spec.allow === "object" && "roles" in spec.allow) await requireRole(viewer, spec.allow.roles, target);
      if (typeof spec.allow === "object" && "study" in spec.allow) {
        const studyId = (parsed.data as { studyId?: unknown }).studyId;
        if (typeof studyId !== "string") throw new Error("a study action needs studyId in its input");
        study = await authorizeStudy(viewer, studyId, target);
      }
      return { ok: true, data: await run(parsed.data, { user, viewer, subject: authorizeSelf(viewer), study }) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
      // redirect()/notFound() signal through exceptions; let Next.js handle them.
      if (error instanceof Error && "digest" in error) throw error;
      log.error("action failed", { error: error instanceof Error ? error.message : String(error) });
      return { ok: false, error: { code: "internal", message: "Something went wrong on our side." } };
    }
  };
  // Read back by the generated security checks (lib/http/declarations.test.ts), like routes'.
  return Object.assign(action, { declaration: { allow: spec.allow, name: spec.name } satisfies ActionDeclaration });
}

/** What the generated security checks read back from a server action. */
export interface ActionDeclaration {
  allow: ActionAllow;
  name: string;
}

/** A person acting on their own account. */
export function authenticatedAction<S extends z.ZodType, T>(schema: S, run: (input: z.infer<S>, user: SessionUser) => Promise<T>) {
  return defineAction({ input: schema, allow: "self", name: "self" }, (input, context) => run(input, context.user));
}

/** Form fields as an object; a name sent more than once (checkbox groups) becomes an array. */
function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
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
