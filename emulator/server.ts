/**
 * The emulator's HTTP server: routes each request to the OAuth server, the data API, the control
 * API or the static pages, and makes sure no input can crash it. Every Fitbit request is counted
 * when its response closes, whatever the outcome.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { RequestContext } from "./context";
import { handleControl } from "./control";
import { redactPath } from "./counters";
import { dataEndpointName, handleDataApi, requestOrigin } from "./fitbit/api";
import { rateHeaders } from "./fitbit/rate-limit";
import {
  RETIRED_MESSAGE,
  sendFitbitError,
  sendFitbitJson,
  sendRetired,
  serverErrorBody,
} from "./fitbit/errors";
import { handleAuthorizeGet, handleAuthorizePost } from "./fitbit/oauth-authorize";
import { handleIntrospect, handleRevoke } from "./fitbit/oauth-revoke";
import { handleToken } from "./fitbit/oauth-token";
import { avatarSvg } from "./fitbit/profile";
import { DEFAULT_GOOGLE_CLIENT, type GoogleClient, googleClientsSchema } from "./google/clients";
import { dispatchGoogle, GOOGLE_AUTHORIZE_PATH, isGooglePath } from "./google/dispatch";
import { type RpcError, sendOAuthError, sendRpcError } from "./google/errors";
import { googleErrorPage } from "./google/consent-page";
import { errorPage, ICON_PATH, ICON_SVG } from "./html";
import {
  Form,
  HttpError,
  lacksContentLength,
  mediaType,
  parseTarget,
  readBody,
  send,
  sendHtml,
} from "./http";
import { renderIndexPage } from "./index-page";
import { OidcIssuer } from "./oidc/issuer";
import type { OidcClient } from "./oidc/staff";
import { findPerson } from "./people";
import { EmulatorState, registeredClientsSchema } from "./state";
import type { DataRoute, RegisteredClient } from "./types";

export { EmulatorState } from "./state";
export { DEFAULT_GOOGLE_CLIENT, googleRedirectUri, type GoogleClient } from "./google/clients";
export { findGooglePerson, GOOGLE_PEOPLE, type GooglePerson } from "./google/people";

export interface EmulatorOptions {
  /** 0 = random free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `[DEFAULT_CLIENT]`. */
  clients?: RegisteredClient[];
  /** Access-token lifetime. Default 28800 (8 h, as Fitbit). */
  tokenLifetimeSeconds?: number;
  /** Default 150 (Fitbit's limit per user per app per hour). */
  rateLimitPerHour?: number;
  /** Initial clock instant (epoch ms). Default: real time. */
  startTimeMs?: number;
  /** Default: `fitbitDataRoutes` from ./fitbit/data-routes. */
  dataRoutes?: DataRoute[];
  /** Start with the legacy API switched off (everything 410). Default false. */
  retired?: boolean;
  /** Clients of the OIDC issuer at /oidc (staff sign-in). Default `[DEFAULT_OIDC_CLIENT]`. */
  oidcClients?: OidcClient[];
  /** Google OAuth clients. Default `[DEFAULT_GOOGLE_CLIENT]`. */
  googleClients?: GoogleClient[];
  /** Google access-token lifetime. Default 3600 (`expires_in` 3599). */
  googleTokenLifetimeSeconds?: number;
  /** Health API quota per person per minute. Default 300. */
  googleRateLimitPerMinute?: number;
  /** Webhook deliveries: first retry after this many ms, doubling. Default 1000. */
  webhookRetryBaseMs?: number;
  /** Webhook deliveries: tries before a notification is discarded. Default 8. */
  webhookMaxAttempts?: number;
  /** Real-time interval of the new-night check for webhooks (0 = on clock moves only). Default 30000. */
  webhookScanMs?: number;
  /** The Cloud project number in `/v4/projects/{p}/subscribers`. Default "100200300400". */
  googleProjectNumber?: string;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:4010` */
  url: string;
  port: number;
  close(): Promise<void>;
  state: EmulatorState;
}

export const DEFAULT_CLIENT: RegisteredClient = {
  clientId: "23NITE",
  clientSecret: "nightly-demo-secret",
  name: "Nightly",
  redirectUris: ["http://localhost:3000/api/auth/callback/fitbit"],
  appType: "server",
  intraday: true,
};

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(4010),
  host: z.string().min(1).default("127.0.0.1"),
  tokenLifetimeSeconds: z.number().int().min(1).default(28800),
  rateLimitPerHour: z.number().int().min(1).default(150),
  startTimeMs: z.number().int().nonnegative().optional(),
  googleTokenLifetimeSeconds: z.number().int().min(1).default(3600),
  googleRateLimitPerMinute: z.number().int().min(1).default(300),
  webhookRetryBaseMs: z.number().int().min(1).max(3_600_000).default(1000),
  webhookMaxAttempts: z.number().int().min(1).max(100).default(8),
  webhookScanMs: z.number().int().min(0).max(3_600_000).default(30_000),
  googleProjectNumber: z.string().regex(/^\d{1,20}$/).default("100200300400"),
});

/** Form-posting OAuth endpoints (JSON answers) and their counter names. */
const OAUTH_JSON: Record<string, { name: string; handle: (ctx: RequestContext) => Promise<void> }> =
  {
    "/oauth2/token": { name: "oauth.token", handle: handleToken },
    "/oauth2/revoke": { name: "oauth.revoke", handle: handleRevoke },
    "/1.1/oauth2/introspect": { name: "oauth.introspect", handle: handleIntrospect },
  };
const DATA_PATH = /^\/1(\.1|\.2)?\//;

/** Routes one request. Fitbit paths go through retirement and Content-Length checks first. */
async function dispatch(ctx: RequestContext, oidc: OidcIssuer): Promise<void> {
  const { req, res, state } = ctx;
  const path = ctx.target.pathname;
  if (await oidc.handle(ctx)) return;
  if (path === "/__emulator" || path.startsWith("/__emulator/"))
    return handleControl(ctx, path.slice("/__emulator".length) || "/");
  if (path === "/" && req.method === "GET")
    return sendHtml(res, 200, renderIndexPage(state, ctx.origin));
  if ((path === ICON_PATH || path === "/favicon.ico") && req.method === "GET")
    return send(res, 200, ICON_SVG, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
  const avatar = /^\/avatars\/([A-Za-z0-9]+)\.svg$/.exec(path);
  if (avatar && req.method === "GET") return serveAvatar(ctx, avatar[1]!);
  if (isGooglePath(path)) return dispatchGoogle(ctx);

  const isAuthorize = path === "/oauth2/authorize";
  const oauthJson = OAUTH_JSON[path];
  if (!isAuthorize && !oauthJson && !DATA_PATH.test(path)) {
    req.resume();
    const message = "The API you are requesting could not be found.";
    return sendFitbitError(res, 404, "not_found", message, { fieldName: "n/a" });
  }

  const isData = !isAuthorize && !oauthJson;
  if (isAuthorize) ctx.endpoint = req.method === "POST" ? "oauth.consent" : "oauth.authorize";
  else ctx.endpoint = oauthJson ? oauthJson.name : dataEndpointName(state.dataRoutes, path);
  if (state.retired) {
    req.resume();
    return isAuthorize
      ? sendHtml(res, 410, errorPage("request", RETIRED_MESSAGE))
      : sendRetired(res);
  }
  if (lacksContentLength(req)) {
    req.resume();
    if (isAuthorize) return sendHtml(res, 411, errorPage("invalid_request", "Length Required"));
    // Data-API answers always carry the quota headers (reference §3), errors included.
    const quota = isData ? rateHeaders(state.rateLimiter.anonymous()) : {};
    const headers = { ...quota, connection: "close" };
    return sendFitbitError(res, 411, "request", "Length Required", { fieldName: "n/a", headers });
  }

  if (isAuthorize) {
    if (req.method === "GET") return handleAuthorizeGet(state, new Form(ctx.target.search), res);
    if (req.method === "POST") {
      const form = new Form(await readBody(req));
      ctx.userId = handleAuthorizePost(state, mediaType(req), form, res);
      return;
    }
    req.resume();
    return sendHtml(res, 405, errorPage("invalid_request", "Method not allowed"));
  }
  if (oauthJson) {
    if (req.method !== "POST") {
      req.resume();
      // UNCONFIRMED: Fitbit's answer to GET on the token endpoints.
      return sendFitbitError(
        res,
        405,
        "invalid_request",
        `Method ${req.method ?? ""} not allowed.`,
        {
          headers: { allow: "POST" },
        },
      );
    }
    return oauthJson.handle(ctx);
  }
  return handleDataApi(ctx);
}

function serveAvatar(ctx: RequestContext, id: string): void {
  const person = findPerson(id);
  if (!person)
    return send(ctx.res, 404, "Not found", { "content-type": "text/plain; charset=utf-8" });
  const size = Number(new URLSearchParams(ctx.target.search).get("size") ?? "100");
  const px = Number.isInteger(size) && size >= 16 && size <= 1024 ? size : 100;
  send(ctx.res, 200, avatarSvg(person, px), {
    "content-type": "image/svg+xml",
    "cache-control": "public, max-age=3600",
  });
}

/** Turns any failure into a response in the dialect of the path (HTML, Fitbit JSON, control JSON). */
function answerFailure(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  err: unknown,
): void {
  req.resume();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const path = (req.url ?? "").split("?")[0]!;
  if (!(err instanceof HttpError)) {
    console.error("[emulator] internal error:", err instanceof Error ? err.message : err);
  }
  const status = err instanceof HttpError ? err.status : 500;
  if (isGooglePath(path)) return answerGoogleFailure(res, path, status);
  // Closing after 413 stops a client that keeps uploading a huge body.
  const quota =
    DATA_PATH.test(path) && !OAUTH_JSON[path] ? rateHeaders(state.rateLimiter.anonymous()) : {};
  const headers: Record<string, string> = {
    ...quota,
    ...(status === 413 ? { connection: "close" } : {}),
  };
  if (path === "/oauth2/authorize") {
    const message =
      status === 413
        ? "Request entity too large"
        : status === 400
          ? "Malformed request"
          : "Server error";
    if (status === 413) res.setHeader("connection", "close");
    sendHtml(
      res,
      status === 413 || status === 400 ? status : 500,
      errorPage("invalid_request", message),
    );
  } else if (status === 413) {
    sendFitbitError(res, 413, "request", "Request entity too large.", {
      fieldName: "n/a",
      headers,
    });
  } else if (status === 400) {
    const message = "There was an error reading the request body.";
    sendFitbitError(res, 400, "invalid_request", message, { fieldName: "n/a", headers });
  } else {
    sendFitbitJson(res, 500, serverErrorBody(), headers);
  }
}

/** The same, in Google's dialects (HTML on the consent page, RFC 6749, google.rpc.Status). */
function answerGoogleFailure(res: ServerResponse, path: string, status: number): void {
  if (status === 413) res.setHeader("connection", "close");
  const known = status === 400 || status === 413;
  if (path === GOOGLE_AUTHORIZE_PATH) {
    const message =
      status === 413
        ? "Request entity too large"
        : status === 400
          ? "Malformed request"
          : "Server error";
    return sendHtml(
      res,
      known ? status : 500,
      googleErrorPage("invalid_request", message, known ? status : 500),
    );
  }
  if (path.startsWith("/v4/")) {
    const error: RpcError = known
      ? {
          code: status,
          status: "INVALID_ARGUMENT",
          message: status === 413 ? "Request payload too large." : "Malformed request.",
        }
      : { code: 500, status: "INTERNAL", message: "Internal error encountered." };
    return sendRpcError(res, error);
  }
  if (known)
    return sendOAuthError(
      res,
      status,
      "invalid_request",
      status === 413 ? "Request too large" : "Malformed request",
    );
  sendOAuthError(res, 500, "internal_failure", "Backend Error");
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const opts = optionsSchema.parse(options);
  const clients = registeredClientsSchema.parse(options.clients ?? [DEFAULT_CLIENT]);
  const googleClients = googleClientsSchema.parse(options.googleClients ?? [DEFAULT_GOOGLE_CLIENT]);
  // Loaded lazily so a broken data module never stops tests that bring their own routes.
  const dataRoutes = options.dataRoutes ?? (await import("./fitbit/data-routes")).fitbitDataRoutes;
  const state = new EmulatorState({
    ...opts,
    clients,
    dataRoutes,
    retired: options.retired ?? false,
    googleClients,
    webhooks: { retryBaseMs: opts.webhookRetryBaseMs, maxAttempts: opts.webhookMaxAttempts, scanMs: opts.webhookScanMs },
  });
  let url = "";
  const oidc = new OidcIssuer(options.oidcClients);

  const server = createServer((req, res) => {
    let ctx: RequestContext | null = null;
    const atMs = state.clock.now();
    res.on("close", () => {
      if (ctx?.endpoint) {
        const path = redactPath(req.url ?? "");
        const entry = {
          atMs,
          method: req.method ?? "",
          path,
          endpoint: ctx.endpoint,
          userId: ctx.userId,
        };
        state.counters.record({ ...entry, status: res.statusCode });
      }
    });
    try {
      const target = parseTarget(req.url);
      const origin = requestOrigin(req.headers.host, url);
      ctx = { req, res, state, target, origin, endpoint: null, userId: null };
      const current = ctx;
      dispatch(current, oidc)
        .then(() => {
          if (!req.complete) req.resume();
        })
        .catch((err: unknown) => answerFailure(state, req, res, err));
    } catch (err) {
      answerFailure(state, req, res, err);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`;

  return {
    url,
    port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.google.webhooks.stop();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
