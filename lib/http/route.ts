import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { assertDatabaseAvailable } from "@/lib/db/availability";
import { AppError, errorBody } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { allowedOrigins, crossSiteReason, MUTATING_METHODS } from "./same-origin";

/**
 * Thin route handlers in one fixed order: refuse cross-site mutations → authenticate → parse →
 * run → one error shape. Authentication comes before parsing so an anonymous caller learns
 * nothing about the schema. Anything a user or provider can send ends as a 4xx with a clear
 * message; only our own bugs become a 500, and those never echo internals.
 */
type Auth = "user" | "none";

interface RouteSpec<Q extends z.ZodType, A extends Auth> {
  auth: A;
  query?: Q;
  handler: (input: {
    request: NextRequest;
    query: z.infer<Q>;
    user: A extends "user" ? SessionUser : null;
  }) => Promise<Response | unknown>;
}

export function defineRoute<Q extends z.ZodType = z.ZodObject<Record<string, never>>, A extends Auth = "user">(spec: RouteSpec<Q, A>) {
  return async (request: NextRequest): Promise<Response> => {
    try {
      refuseCrossSite(request);
      const user = spec.auth === "user" ? await requireUser() : null;
      const query = parseQuery(request, spec.query ?? z.strictObject({}));
      const result = await spec.handler({
        request,
        query: query as z.infer<Q>,
        user: user as A extends "user" ? SessionUser : null,
      });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(await unlessDatabaseDown(error));
    }
  };
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
  const parsed = schema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new AppError(400, "bad_request", `Invalid query parameters: ${where}${issue?.message ?? "not understood"}`, z.flattenError(parsed.error as z.ZodError));
  }
  return parsed.data;
}

/** A query that failed because the database went away is a 503, not our bug (a 500). */
async function unlessDatabaseDown(error: unknown): Promise<unknown> {
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
