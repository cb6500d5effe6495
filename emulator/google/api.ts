/**
 * The Health API core: everything under /v4/. Order of checks:
 *   bearer token -> per-user quota -> known path -> injected fault -> method -> user -> query
 *   parameters -> scope -> route.
 * Errors are google.rpc.Status bodies; a wrong verb is 404 like Google's front end.
 */
import type { RequestContext } from "../context";
import { viewOf } from "../data/history";
import { corruptBody, type Fault } from "../faults";
import { Form, HttpError, readBody, sleep } from "../http";
import {
  type HeaderMap,
  internalError,
  invalidArgument,
  notFound,
  permissionDenied,
  resourceExhausted,
  RpcException,
  scopeInsufficient,
  sendGoogleJson,
  sendRpcError,
  unauthenticated,
  unavailable,
  WWW_AUTHENTICATE_INVALID,
} from "./errors";
import { findGooglePerson } from "./people";
import type { GoogleRoute } from "./route";
import { dataPointRoutes, fallbackRoutes } from "./routes/data-points";
import { userRoutes } from "./routes/users";
import { HEALTH_SCOPE_PREFIX, READ_SCOPES } from "./scopes";

export const GOOGLE_ROUTES: readonly GoogleRoute[] = [...userRoutes, ...dataPointRoutes];

/** Parameters Google's front end accepts on every method. */
const SYSTEM_PARAMS = ["alt", "prettyPrint", "quotaUser", "$.xgafv", "fields"];

/** Routes for a path: the specific ones if any (a wrong verb there is 404), else the fallbacks. */
function match(pathname: string) {
  const specific = GOOGLE_ROUTES.filter((r) => r.pattern.test(pathname));
  return specific.length > 0 ? specific : fallbackRoutes.filter((r) => r.pattern.test(pathname));
}

/** Counter name before authentication (route name, or google.not_found). */
export function googleEndpointName(pathname: string, method: string | undefined): string {
  const candidates = match(pathname);
  return (candidates.find((r) => r.method === method) ?? candidates[0])?.name ?? "google.not_found";
}

export async function handleGoogleApi(ctx: RequestContext): Promise<void> {
  const { state, req, res } = ctx;
  const google = state.google;
  const candidates = match(ctx.target.pathname);
  const route = candidates.find((r) => r.method === req.method);
  ctx.endpoint = (route ?? candidates[0])?.name ?? "google.not_found";
  const body = req.method === "POST" ? await readBody(req) : (req.resume(), "");

  const header = req.headers.authorization;
  const m = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const record = m ? google.tokens.findAccessToken(m[1]!) : undefined;
  if (!record || record.revoked || state.clock.now() >= record.expiresAtMs) {
    const expired = record !== undefined && !record.revoked;
    sendRpcError(res, unauthenticated(expired), { "www-authenticate": WWW_AUTHENTICATE_INVALID });
    return;
  }
  ctx.userId = record.userId;
  if (google.rateLimiter.hit(record.userId).exceeded) return sendRpcError(res, resourceExhausted());

  if (!route) {
    sendRpcError(
      res,
      notFound(
        candidates.length > 0
          ? `Method ${req.method ?? ""} not allowed on this resource.`
          : "Requested entity was not found.",
      ),
    );
    return;
  }
  const fault = state.faults.take("data", route.name, record.userId);
  if (fault && (await answeredByFault(ctx, fault))) return;

  const g = findGooglePerson(record.userId);
  if (!g) throw new Error("token refers to an unknown person");
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(route.pattern.exec(ctx.target.pathname)?.groups ?? {}))
    if (v !== undefined) params[k] = decodeURIComponent(v);
  try {
    if (params.user !== "me" && params.user !== g.healthUserId) {
      return sendRpcError(
        res,
        permissionDenied(
          `Permission denied on resource users/${params.user ?? ""} (or it might not exist).`,
        ),
      );
    }
    const query = new Form(ctx.target.search).toURLSearchParams();
    for (const name of new Set(query.keys())) {
      if (!route.queryParams.includes(name) && !SYSTEM_PARAMS.includes(name)) {
        throw invalidArgument(
          "",
          `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
          `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
        );
      }
      if (query.getAll(name).length > 1 && route.queryParams.includes(name))
        throw invalidArgument(
          name,
          `Parameter '${name}' must not repeat.`,
          `Invalid value: parameter '${name}' must not repeat.`,
        );
    }
    const allowed =
      route.scope === "any"
        ? record.scopes.some((s) => s.startsWith(HEALTH_SCOPE_PREFIX) && s.endsWith(".readonly"))
        : record.scopes.includes(READ_SCOPES[route.scope]);
    if (!allowed) return sendRpcError(res, scopeInsufficient());

    const nowMs = state.clock.now();
    const answer = route.handle({
      g,
      view: viewOf(g.person, nowMs),
      params,
      query,
      body,
      nowMs,
      paging: google.paging,
      isDeleted: (kebab, p) => google.webhooks.isDeleted(g.healthUserId, kebab, p),
    });
    const value = fault && isCorrupt(fault) ? corruptBody(answer) : answer;
    sendGoogleJson(res, 200, value);
  } catch (err) {
    if (err instanceof RpcException) return sendRpcError(res, err.error);
    if (err instanceof HttpError && err.status === 400)
      return sendRpcError(
        res,
        invalidArgument("", "Malformed query string.", "Invalid request: malformed query string.")
          .error,
      );
    console.error(
      `[emulator] google route ${route.name} failed:`,
      err instanceof Error ? err.message : err,
    );
    sendRpcError(res, internalError());
  }
}

const isCorrupt = (f: Fault) => f.kind === "corrupt" || f.kind === "invalid_payload";

async function answeredByFault(ctx: RequestContext, fault: Fault): Promise<boolean> {
  const retry: HeaderMap =
    fault.retryAfterSeconds === undefined ? {} : { "retry-after": fault.retryAfterSeconds };
  switch (fault.kind) {
    case "latency":
      await sleep(fault.latencyMs ?? 1000);
      return false;
    case "429":
      sendRpcError(ctx.res, resourceExhausted(), retry);
      return true;
    case "500":
      sendRpcError(ctx.res, internalError());
      return true;
    case "503":
      sendRpcError(ctx.res, unavailable(), retry);
      return true;
    case "expired_token":
      sendRpcError(ctx.res, unauthenticated(true), {
        "www-authenticate": WWW_AUTHENTICATE_INVALID,
      });
      return true;
    case "corrupt":
    case "invalid_payload":
    case "drop": // webhook deliveries only; never taken here
    case "duplicate":
      return false;
  }
}
