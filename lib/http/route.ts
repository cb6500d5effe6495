import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { assertDatabaseAvailable } from "@/lib/db/availability";
import { AppError, errorBody } from "@/lib/errors/app-error";
import { log } from "@/lib/log";

/**
 * Thin route handlers in one fixed order: parse → authenticate → authorize → run → one error
 * shape. Anything a user or provider can send ends as a 4xx with a clear message; only our own
 * bugs become a 500, and those never echo internals.
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
      const keys = [...request.nextUrl.searchParams.keys()];
      const repeated = [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
      if (repeated.length > 0) {
        throw new AppError(400, "bad_request", `Invalid query parameters: give ${repeated.join(", ")} only once.`);
      }
      const rawQuery = Object.fromEntries(request.nextUrl.searchParams);
      const parsed = (spec.query ?? z.strictObject({})).safeParse(rawQuery);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        throw new AppError(400, "bad_request", `Invalid query parameters: ${where}${issue?.message ?? "not understood"}`, z.flattenError(parsed.error as z.ZodError));
      }
      const user = spec.auth === "user" ? await requireUser() : null;
      const result = await spec.handler({
        request,
        query: parsed.data as z.infer<Q>,
        user: user as A extends "user" ? SessionUser : null,
      });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(await unlessDatabaseDown(error));
    }
  };
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
