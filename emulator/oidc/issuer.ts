/**
 * A small standards-conforming OpenID Connect issuer, mounted at `/oidc` on the emulator: the
 * stand-in for a university's or company's identity provider (Keycloak, Entra, Workspace).
 * Authorization code flow only, PKCE S256 required, RS256 id_tokens, discovery, JWKS, userinfo.
 * Demo staff are picked on a page instead of typing a password.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { RequestContext } from "../context";
import { Form, mediaType, readBody, redirect, sendHtml, sendJson } from "../http";
import { html, page } from "../html";
import { SigningKey } from "./keys";
import { DEFAULT_OIDC_CLIENT, DEMO_STAFF, type OidcClient, type StaffPerson } from "./staff";

const CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 3600;

interface PendingCode {
  clientId: string;
  redirectUri: string;
  person: StaffPerson;
  nonce: string | undefined;
  codeChallenge: string;
  scope: string;
  expiresAt: number;
}

export class OidcIssuer {
  private readonly key = new SigningKey();
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, { person: StaffPerson; expiresAt: number }>();

  constructor(private readonly clients: readonly OidcClient[] = [DEFAULT_OIDC_CLIENT]) {}

  /** Handles `/oidc/...`; returns false for any other path. */
  async handle(ctx: RequestContext): Promise<boolean> {
    const path = ctx.target.pathname;
    if (!path.startsWith("/oidc/")) return false;
    ctx.endpoint = `oidc.${path.slice("/oidc/".length).replace(/[^a-z.-]/gi, "_")}`;
    const issuer = `${ctx.origin}/oidc`;
    const { req, res } = ctx;
    if (path === "/oidc/.well-known/openid-configuration" && req.method === "GET") {
      sendJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: ["openid", "email", "profile"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
        claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", "email", "email_verified", "name"],
      });
    } else if (path === "/oidc/jwks" && req.method === "GET") {
      sendJson(res, 200, { keys: [this.key.publicJwk] });
    } else if (path === "/oidc/authorize" && req.method === "GET") {
      this.authorizePage(ctx, new Form(ctx.target.search));
    } else if (path === "/oidc/authorize" && req.method === "POST") {
      this.authorizeDecision(ctx, new Form(await readBody(req)), issuer);
    } else if (path === "/oidc/token" && req.method === "POST") {
      this.token(ctx, new Form(await readBody(req)), issuer);
    } else if (path === "/oidc/userinfo" && (req.method === "GET" || req.method === "POST")) {
      req.resume();
      this.userinfo(ctx);
    } else {
      req.resume();
      sendJson(res, 404, { error: "not_found" });
    }
    return true;
  }

  /** Checks what must hold before any redirect back to the client (else an error page, RFC 6749 §4.1.2.1). */
  private clientAndRedirect(form: Form): { client: OidcClient; redirectUri: string } | string {
    const client = this.clients.find((candidate) => candidate.clientId === form.get("client_id"));
    if (!client) return "Unknown client_id.";
    const redirectUri = form.get("redirect_uri");
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) return "redirect_uri is not registered for this client.";
    return { client, redirectUri };
  }

  private requestProblem(form: Form): string | null {
    if (form.get("response_type") !== "code") return "unsupported_response_type";
    if (!(form.get("scope") ?? "").split(" ").includes("openid")) return "invalid_scope";
    if (!form.get("code_challenge") || form.get("code_challenge_method") !== "S256") return "invalid_request";
    return null;
  }

  private authorizePage(ctx: RequestContext, form: Form): void {
    const checked = this.clientAndRedirect(form);
    if (typeof checked === "string") return sendHtml(ctx.res, 400, page("Sign-in error", html`<div class="card error">${checked}</div>`));
    const problem = this.requestProblem(form);
    if (problem) return redirect(ctx.res, withParams(checked.redirectUri, { error: problem, state: form.get("state") }));
    const hidden = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method"].map(
      (name) => html`<input type="hidden" name="${name}" value="${form.get(name) ?? ""}" />`,
    );
    const body = html`<div class="card">
      <h1>University sign-in (demo identity provider)</h1>
      <p>Choose who you are. Nightly will receive your name and email address.</p>
      <form method="post" action="/oidc/authorize">
        ${hidden}
        <table>
          ${DEMO_STAFF.map(
            (person) => html`<tr>
              <td><strong>${person.name}</strong><br /><small>${person.email} · ${person.note}</small></td>
              <td><button class="primary" type="submit" name="sub" value="${person.sub}">Sign in as ${person.name}</button></td>
            </tr>`,
          )}
        </table>
        <div class="actions"><button class="secondary" type="submit" name="deny" value="1">Cancel</button></div>
      </form>
    </div>`;
    sendHtml(ctx.res, 200, page("Sign in", body));
  }

  private authorizeDecision(ctx: RequestContext, form: Form, issuer: string): void {
    const checked = this.clientAndRedirect(form);
    if (typeof checked === "string") return sendHtml(ctx.res, 400, page("Sign-in error", html`<div class="card error">${checked}</div>`));
    const state = form.get("state");
    const problem = this.requestProblem(form);
    if (problem) return redirect(ctx.res, withParams(checked.redirectUri, { error: problem, state }));
    if (form.get("deny")) return redirect(ctx.res, withParams(checked.redirectUri, { error: "access_denied", state }));
    const person = DEMO_STAFF.find((candidate) => candidate.sub === form.get("sub"));
    if (!person) return sendHtml(ctx.res, 400, page("Sign-in error", html`<div class="card error">Pick a person.</div>`));
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, {
      clientId: checked.client.clientId,
      redirectUri: checked.redirectUri,
      person,
      nonce: form.get("nonce"),
      codeChallenge: form.get("code_challenge")!,
      scope: form.get("scope")!,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    ctx.userId = person.sub;
    redirect(ctx.res, withParams(checked.redirectUri, { code, state, iss: issuer }));
  }

  private token(ctx: RequestContext, form: Form, issuer: string): void {
    const fail = (status: number, error: string, description: string) => sendJson(ctx.res, status, { error, error_description: description });
    if (mediaType(ctx.req) !== "application/x-www-form-urlencoded") return fail(400, "invalid_request", "Send a form.");
    const client = this.authenticateClient(ctx, form);
    if (!client) return fail(401, "invalid_client", "Client authentication failed.");
    if (form.get("grant_type") !== "authorization_code") return fail(400, "unsupported_grant_type", "Only authorization_code.");
    const code = form.get("code") ?? "";
    const pending = this.codes.get(code);
    this.codes.delete(code); // one use, whatever happens next
    if (!pending || pending.expiresAt < Date.now() || pending.clientId !== client.clientId) return fail(400, "invalid_grant", "Unknown or expired code.");
    if (form.get("redirect_uri") !== pending.redirectUri) return fail(400, "invalid_grant", "redirect_uri does not match.");
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!verifier || challenge !== pending.codeChallenge) return fail(400, "invalid_grant", "PKCE verification failed.");
    const now = Math.floor(Date.now() / 1000);
    const accessToken = randomBytes(24).toString("base64url");
    this.accessTokens.set(accessToken, { person: pending.person, expiresAt: Date.now() + TOKEN_TTL_S * 1000 });
    ctx.userId = pending.person.sub;
    const idToken = this.key.signJwt({
      iss: issuer,
      sub: pending.person.sub,
      aud: client.clientId,
      iat: now,
      exp: now + TOKEN_TTL_S,
      auth_time: now,
      ...(pending.nonce ? { nonce: pending.nonce } : {}),
      email: pending.person.email,
      email_verified: true,
      name: pending.person.name,
    });
    sendJson(ctx.res, 200, { access_token: accessToken, token_type: "Bearer", expires_in: TOKEN_TTL_S, id_token: idToken, scope: pending.scope });
  }

  private authenticateClient(ctx: RequestContext, form: Form): OidcClient | undefined {
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = /^Basic\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "");
    if (basic?.[1]) {
      const [rawId = "", rawSecret = ""] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
      id = decodeURIComponent(rawId);
      secret = decodeURIComponent(rawSecret);
    }
    const client = this.clients.find((candidate) => candidate.clientId === id);
    if (!client || !secret) return undefined;
    const a = Buffer.from(client.clientSecret);
    const b = Buffer.from(secret);
    return a.length === b.length && timingSafeEqual(a, b) ? client : undefined;
  }

  private userinfo(ctx: RequestContext): void {
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "")?.[1];
    const token = bearer ? this.accessTokens.get(bearer) : undefined;
    if (!token || token.expiresAt < Date.now()) {
      ctx.res.setHeader("www-authenticate", 'Bearer error="invalid_token"');
      return sendJson(ctx.res, 401, { error: "invalid_token" });
    }
    const { person } = token;
    sendJson(ctx.res, 200, { sub: person.sub, name: person.name, email: person.email, email_verified: true });
  }
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
