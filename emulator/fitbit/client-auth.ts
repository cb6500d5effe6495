/**
 * Client authentication for `/oauth2/token` and `/oauth2/revoke` (reference §1.1, §1.9).
 * Server apps must send `Authorization: Basic base64(id:secret)`; public ("client") apps send
 * `client_id` in the body; personal apps may do either.
 */
import { timingSafeEqual } from "node:crypto";
import type { Form } from "../http";
import type { RegisteredClient } from "../types";
import { VISIT } from "../types";

export type ClientAuth = { ok: true; client: RegisteredClient } | { ok: false; message: string };

/** Every invalid_client answer carries this header (real capture). */
export const WWW_AUTHENTICATE = 'Basic realm="api.fitbit.com"';

/** The real capture's message; `received` is `undefined` when no header was sent. */
function badHeader(received: string): ClientAuth {
  return {
    ok: false,
    message:
      "Invalid authorization header format. The header was not recognized to be a valid header for any of known " +
      "implementations or a client_id was not specified in case of a public client " +
      `Received header = ${received}.${VISIT}`,
  };
}

const invalidClient: ClientAuth = { ok: false, message: `Client id invalid.${VISIT}` };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 6749 §2.3.1 form-encodes id and secret before base64; most clients don't. Accept both. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

export function authenticateClient(
  clients: ReadonlyMap<string, RegisteredClient>,
  authorization: string | undefined,
  form: Form,
): ClientAuth {
  const bodyClientId = form.get("client_id");

  if (authorization === undefined) {
    if (bodyClientId === undefined) return badHeader("undefined");
    const client = clients.get(bodyClientId);
    if (!client) return invalidClient;
    // A server app without its secret is treated like a request with no credentials at all.
    if (client.appType === "server") return badHeader("undefined");
    return { ok: true, client };
  }

  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(authorization.trim());
  // Echo only the scheme, never credentials (UNCONFIRMED what Fitbit echoes for a bad header).
  const scheme = authorization.trim().split(/\s+/)[0] ?? "";
  if (!match) return badHeader(scheme);
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return badHeader(scheme);
  const rawId = decoded.slice(0, colon);
  const rawSecret = decoded.slice(colon + 1);

  const client = clients.get(rawId) ?? clients.get(formDecode(rawId));
  if (!client) return invalidClient;
  if (
    !sameSecret(rawSecret, client.clientSecret) &&
    !sameSecret(formDecode(rawSecret), client.clientSecret)
  ) {
    // UNCONFIRMED wording for a wrong secret.
    return { ok: false, message: `Invalid client secret.${VISIT}` };
  }
  if (bodyClientId !== undefined && bodyClientId !== client.clientId) {
    // UNCONFIRMED: a body client_id contradicting the Basic header is refused.
    return {
      ok: false,
      message: `Client id in the request body does not match the authorization header.${VISIT}`,
    };
  }
  return { ok: true, client };
}
