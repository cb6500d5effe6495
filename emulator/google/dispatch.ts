/**
 * Entry point of the Google side on the shared server: Google's OAuth paths (as on
 * accounts.google.com / oauth2.googleapis.com / openidconnect.googleapis.com) and the Health
 * API under /v4/. Returns false for paths that are not Google's.
 */
import type { RequestContext } from "../context";
import { Form, mediaType, readBody, sendHtml } from "../http";
import { handleGoogleApi } from "./api";
import { googleErrorPage } from "./consent-page";
import { sendGoogleJson, sendOAuthError } from "./errors";
import { handleGoogleAuthorizeGet, handleGoogleAuthorizePost } from "./oauth-authorize";
import { handleGoogleRevoke, handleGoogleToken } from "./oauth-token";
import { discoveryDocument, handleUserinfo } from "./oidc";
import { handleSubscriberApi, isSubscriberPath, KEYSET_PATH, serveKeyset } from "./webhooks/routes";

export const GOOGLE_AUTHORIZE_PATH = "/o/oauth2/v2/auth";

export function isGooglePath(path: string): boolean {
  return (
    path === GOOGLE_AUTHORIZE_PATH ||
    path === "/token" ||
    path === "/revoke" ||
    path === "/.well-known/openid-configuration" ||
    path === "/oauth2/v3/certs" ||
    path === "/v1/userinfo" ||
    path === "/oauth2/v3/userinfo" ||
    path === KEYSET_PATH ||
    path.startsWith("/v4/")
  );
}

export async function dispatchGoogle(ctx: RequestContext): Promise<void> {
  const { req, res, state } = ctx;
  const path = ctx.target.pathname;
  if (isSubscriberPath(path)) return handleSubscriberApi(ctx);
  if (path.startsWith("/v4/")) return handleGoogleApi(ctx);
  if (path === KEYSET_PATH && req.method === "GET") return serveKeyset(ctx);
  if (path === GOOGLE_AUTHORIZE_PATH) {
    if (req.method === "GET") {
      ctx.endpoint = "google.oauth.authorize";
      req.resume();
      return handleGoogleAuthorizeGet(state, new Form(ctx.target.search), res);
    }
    if (req.method === "POST") {
      ctx.endpoint = "google.oauth.consent";
      const form = new Form(await readBody(req));
      ctx.userId = handleGoogleAuthorizePost(state, mediaType(req), form, res);
      return;
    }
    req.resume();
    return sendHtml(res, 405, googleErrorPage("invalid_request", "Method not allowed", 405));
  }
  if (path === "/token" || path === "/revoke") {
    if (req.method !== "POST") {
      req.resume();
      return sendOAuthError(
        res,
        405,
        "invalid_request",
        `Method ${req.method ?? ""} not allowed.`,
        { allow: "POST" },
      );
    }
    return path === "/token" ? handleGoogleToken(ctx) : handleGoogleRevoke(ctx);
  }
  if (path === "/v1/userinfo" || path === "/oauth2/v3/userinfo") {
    ctx.endpoint = "google.oauth.userinfo";
    return handleUserinfo(ctx);
  }
  req.resume();
  if (req.method !== "GET")
    return sendGoogleJson(res, 405, { error: "method_not_allowed" }, { allow: "GET" });
  if (path === "/oauth2/v3/certs") {
    ctx.endpoint = "google.oauth.jwks";
    return sendGoogleJson(res, 200, state.google.keys.jwks(), {
      "cache-control": "public, max-age=3600",
    });
  }
  ctx.endpoint = "google.oauth.discovery";
  sendGoogleJson(res, 200, discoveryDocument(ctx.origin), {
    "cache-control": "public, max-age=3600",
  });
}
