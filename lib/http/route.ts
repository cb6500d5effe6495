import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { viewerFromBearer } from "@/lib/api-tokens/verify";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { authorizeSelf, authorizeStudy, requireRole, type AuthorizedStudy } from "@/lib/authz/authorize";
import type { AuthorizedSubject } from "@/lib/authz/subject";
import type { Viewer } from "@/lib/authz/viewer";
import { assertDatabaseAvailable } from "@/lib/db/availability";
import type { Role } from "@/lib/generated/prisma/client";
import { AppError, errorBody } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { allowedOrigins, crossSiteReason, MUTATING_METHODS } from "./same-origin";

/**
 * Thin route handlers in one fixed order: refuse cross-site mutations → authenticate → parse →
 * authorize → run → one error shape. Authentication comes before parsing so an anonymous caller
 * learns nothing about the schema. Anything a user or provider can send ends as a 4xx with a
 * clear message; only our own bugs become a 500, and those never echo internals.
 *
 * `auth` says how the caller proves who they are (a session cookie, a personal API token, or
 * nobody); `allow` says what they may do, declared per route and checked here (lib/authz):
 * - "self": their own data; the handler gets `subject`, the only key health-data queries take;
 * - { roles }: a staff role (audited 403 otherwise);
 * - { study: "member" }: membership of the study in the `studyId` path parameter (audited 404).
 */
type Auth = "user" | "none" | "token";
export type RouteAllow = "anyone" | "self" | { roles: readonly Role[] } | { study: "member" };

type Granted<L> = L extends "self"
  ? { subject: AuthorizedSubject; study: null }
  : L extends { study: "member" }
    ? { subject: null; study: AuthorizedStudy }
    : { subject: null; study: null };

interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, A extends Auth, L extends RouteAllow> {
  auth: A;
  allow?: L;
  params?: P;
  query?: Q;
  handler: (
    input: {
      request: NextRequest;
      query: z.infer<Q>;
      params: z.infer<P>;
      user: A extends "user" ? SessionUser : null;
      viewer: A extends "none" ? null : Viewer;
    } & Granted<L>,
  ) => Promise<Response | unknown>;
}

/** What the generated security suite reads back from a route module. */
export interface RouteDeclaration {
  auth: Auth;
  allow: RouteAllow;
}

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new AppError(400, "bad_request", `Invalid ${what}: ${where}${issue?.message ?? "not understood"}`, z.flattenError(parsed.error as z.ZodError));
}

export function defineRoute<
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  P extends z.ZodType = z.ZodType<Record<string, string>>,
  A extends Auth = "user",
  L extends RouteAllow = A extends "none" ? "anyone" : "self",
>(spec: RouteSpec<Q, P, A, L>) {
  const allow: RouteAllow = spec.allow ?? (spec.auth === "none" ? "anyone" : "self");
  const route = async (request: NextRequest, context?: RouteContext): Promise<Response> => {
    try {
      refuseCrossSite(request);
      const user = spec.auth === "user" ? await requireUser() : null;
      const viewer: Viewer | null = user
        ? { id: user.id, role: user.role, via: "session" }
        : spec.auth === "token"
          ? await viewerFromBearer(request)
          : null;
      const query = parseQuery(request, spec.query ?? z.strictObject({}));
      const params = parseOrThrow(spec.params ?? z.record(z.string(), z.string()), (await context?.params) ?? {}, "path");

      const target = request.nextUrl.pathname;
      let subject: AuthorizedSubject | null = null;
      let study: AuthorizedStudy | null = null;
      if (viewer && allow === "self") subject = authorizeSelf(viewer);
      else if (viewer && typeof allow === "object" && "roles" in allow) await requireRole(viewer, allow.roles, target);
      else if (viewer && typeof allow === "object" && "study" in allow) {
        const studyId = (params as Record<string, unknown>).studyId;
        if (typeof studyId !== "string") throw new Error("a study route needs a studyId path parameter");
        study = await authorizeStudy(viewer, studyId, target);
      } else if (allow !== "anyone") throw new Error("route declares a permission but no way to authenticate");

      const result = await spec.handler({
        request,
        query: query as z.infer<Q>,
        params: params as z.infer<P>,
        user: user as A extends "user" ? SessionUser : null,
        viewer: viewer as A extends "none" ? null : Viewer,
        subject,
        study,
      } as unknown as Parameters<typeof spec.handler>[0]);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(await unlessDatabaseDown(error));
    }
  };
  return Object.assign(route, { declaration: { auth: spec.auth, allow } satisfies RouteDeclaration });
}

function refuseCrossSite(request: NextRequest): void {
  if (!MUTATING_METHODS.has(request.method)) return;
  const reason = crossSiteReason(request.headers, allowedOrigins(env().NEXTAUTH_URL, request.headers, request.nextUrl.protocol));
  if (reason) {
    log.warn("cross-site request refused", { method: request.method, path: request.nextUrl.pathname, reason });
    throw new AppError(403, "forbidden", "Requests from other sites are not accepted.");
  }
}

function parseQuery(request: NextRequest, schema: z.ZodType): unknown {
  const keys = [...request.nextUrl.searchParams.keys()];
  const repeated = [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
  if (repeated.length > 0) {
    throw new AppError(400, "bad_request", `Invalid query parameters: give ${repeated.join(", ")} only once.`);
  }
  return parseOrThrow(schema, Object.fromEntries(request.nextUrl.searchParams), "query parameters");
}

/** A query that failed because the database went away is a 503, not our bug (a 500). */
export async function unlessDatabaseDown(error: unknown): Promise<unknown> {
  if (error instanceof AppError) return error;
  return assertDatabaseAvailable(1000).then(
    () => error,
    (unavailable: unknown) => unavailable,
  );
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return NextResponse.json(errorBody(error), { status: error.status });
  }
  log.error("unhandled route error", { error: error instanceof Error ? error.message : String(error) });
  return NextResponse.json(errorBody(new AppError(500, "internal", "Something went wrong on our side.")), {
    status: 500,
  });
}
