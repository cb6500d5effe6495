/**
 * The data API core: everything under /1/, /1.1/ and /1.2/ except introspection. Order of checks
 * (each answer carries the rate-limit headers, reference §3):
 *   bearer token -> rate limit -> known path -> injected fault -> method -> user -> scope -> route.
 */
import type { RequestContext } from "../context";
import { corruptBody, type Fault } from "../faults";
import { Form, HttpError, sleep } from "../http";
import { findPerson } from "../people";
import type { DataRoute, DataResponse } from "../types";
import { VISIT } from "../types";
import { authenticateBearer, expiredTokenMessage } from "./bearer";
import {
  type HeaderMap,
  sendFitbitError,
  sendFitbitJson,
  sendFitbitRaw,
  serverErrorBody,
  unavailableBody,
} from "./errors";
import { profileRoute } from "./profile";
import { rateHeaders, type RateStatus } from "./rate-limit";

interface RouteMatch {
  route: DataRoute;
  params: Record<string, string>;
}

function matchRoute(routes: readonly DataRoute[], pathname: string): RouteMatch | undefined {
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    // The whole path was checked to percent-decode, so each group does too.
    for (const [k, v] of Object.entries(m.groups ?? {}))
      if (v !== undefined) params[k] = decodeURIComponent(v);
    return { route, params };
  }
  return undefined;
}

/** Counter name for a data path (route name, or "not_found"), known before authentication. */
export function dataEndpointName(routes: readonly DataRoute[], pathname: string): string {
  return matchRoute([profileRoute, ...routes], pathname)?.route.name ?? "not_found";
}

/** Only plausible Host headers become the origin of absolute URLs we hand out. */
export function requestOrigin(host: string | undefined, fallback: string): string {
  return host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)
    ? `http://${host}`
    : fallback;
}

function tooManyRequests(ctx: RequestContext, rate: RateStatus, retryAfter: number): void {
  const headers = {
    ...rateHeaders({ ...rate, remaining: 0, resetSeconds: retryAfter }),
    "retry-after": String(retryAfter),
  };
  sendFitbitError(ctx.res, 429, "system", "Too Many Requests", { fieldName: "n/a", headers });
}

export async function handleDataApi(ctx: RequestContext): Promise<void> {
  const { state, req, res } = ctx;
  req.resume(); // Request bodies are never read here; drain them so keep-alive works.
  const match = matchRoute([profileRoute, ...state.dataRoutes], ctx.target.pathname);
  ctx.endpoint = match ? match.route.name : "not_found";

  let query: URLSearchParams;
  try {
    query = new Form(ctx.target.search).toURLSearchParams();
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const headers = rateHeaders(state.rateLimiter.anonymous());
    sendFitbitError(res, 400, "invalid_request", "Malformed query string.", {
      fieldName: "n/a",
      headers,
    });
    return;
  }

  const auth = authenticateBearer(state.tokens, req.headers.authorization, state.clock.now());
  if (!auth.ok) {
    sendFitbitError(res, 401, auth.errorType, auth.message, {
      headers: rateHeaders(state.rateLimiter.anonymous()),
    });
    return;
  }
  const { record } = auth;
  ctx.userId = record.userId;
  const rate = state.rateLimiter.hit(record.clientId, record.userId);
  const headers: HeaderMap = rateHeaders(rate);
  if (rate.exceeded) return tooManyRequests(ctx, rate, rate.resetSeconds);

  if (!match) {
    const message = "The API you are requesting could not be found.";
    sendFitbitError(res, 404, "not_found", message, { fieldName: "n/a", headers });
    return;
  }

  const fault = state.faults.take("data", match.route.name, record.userId);
  if (fault && (await answeredByFault(ctx, fault, rate, headers, auth.token))) return;

  if (req.method !== "GET") {
    // UNCONFIRMED: Fitbit's answer to a wrong method on a read endpoint; 405 is the HTTP one.
    const message = `The ${req.method ?? ""} method is not supported for this resource.`;
    sendFitbitError(res, 405, "request", message, {
      fieldName: "n/a",
      headers: { ...headers, allow: "GET" },
    });
    return;
  }
  const user = match.params.user;
  if (user !== undefined && user !== "-" && user !== record.userId) {
    // UNCONFIRMED (reference §0): reading another user's data without privilege.
    const message = `This application does not have permission to access data of user ${user}.`;
    sendFitbitError(res, 403, "insufficient_permissions", message, { headers });
    return;
  }
  if (!record.scopes.includes(match.route.scope)) {
    const message = `This application does not have permission to access ${match.route.scope} data.${VISIT}`;
    sendFitbitError(res, 403, "insufficient_scope", message, { headers });
    return;
  }
  const person = findPerson(record.userId);
  const client = state.clients.get(record.clientId);
  if (!person || !client) throw new Error("token refers to an unknown person or client");

  let answer: DataResponse;
  let body: string | undefined;
  try {
    answer = await match.route.handle({
      person,
      params: match.params,
      query,
      nowMs: state.clock.now(),
      origin: ctx.origin,
      acceptLanguage: req.headers["accept-language"] ?? null,
      intradayAllowed: client.intraday,
    });
    if (!Number.isInteger(answer.status) || answer.status < 200 || answer.status > 599) {
      throw new Error(`route returned invalid status ${String(answer.status)}`);
    }
    const value =
      fault && isCorrupt(fault) && answer.status < 300 ? corruptBody(answer.body) : answer.body;
    body = answer.status === 204 ? undefined : JSON.stringify(value);
  } catch (err) {
    // A broken route must never take the server down; answer like Fitbit's own 500.
    console.error(
      `[emulator] route ${match.route.name} failed:`,
      err instanceof Error ? err.message : err,
    );
    sendFitbitJson(res, 500, serverErrorBody(), headers);
    return;
  }
  if (body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  sendFitbitRaw(res, answer.status, body, headers);
}

const isCorrupt = (fault: Fault) => fault.kind === "corrupt" || fault.kind === "invalid_payload";

/** Applies an injected fault. Returns true when the fault produced the whole response. */
async function answeredByFault(
  ctx: RequestContext,
  fault: Fault,
  rate: RateStatus,
  headers: HeaderMap,
  token: string,
): Promise<boolean> {
  switch (fault.kind) {
    case "latency":
      await sleep(fault.latencyMs ?? 1000);
      return false;
    case "429":
      tooManyRequests(ctx, rate, fault.retryAfterSeconds ?? rate.resetSeconds);
      return true;
    case "500":
      sendFitbitJson(ctx.res, 500, serverErrorBody(), headers);
      return true;
    case "503": {
      const retry: HeaderMap =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": fault.retryAfterSeconds };
      sendFitbitJson(ctx.res, 503, unavailableBody(), { ...headers, ...retry });
      return true;
    }
    case "expired_token":
      // As if the token had expired, without touching it.
      sendFitbitError(ctx.res, 401, "expired_token", expiredTokenMessage(token), { headers });
      return true;
    case "corrupt":
    case "invalid_payload":
      return false; // applied to the route's body later
    case "drop":
    case "duplicate":
      return false; // webhook deliveries only; never taken here
  }
}
