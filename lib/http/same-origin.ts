/**
 * Cross-site request refusal for everything that changes state (routes with POST/PUT/PATCH/DELETE
 * and server actions). Browsers send `Sec-Fetch-Site` and `Origin` on such requests, so a form or
 * fetch from another site — including a same-site sibling such as another port or subdomain —
 * is refused even though the session cookie rides along. Clients that send neither (curl,
 * server-to-server) are not browsers and cannot carry a victim's cookie.
 */
export const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why a request is cross-site, or null when it may proceed. */
export function crossSiteReason(headers: Headers, allowedOrigins: readonly string[]): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (origin !== null && !allowedOrigins.includes(origin)) return "Origin is not this site";
  return null;
}

/** This app's origins: the configured public URL and the one the request itself was sent to. */
export function allowedOrigins(publicUrl: string, headers: Headers, protocol: string): string[] {
  const origins = [new URL(publicUrl).origin];
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto") ?? protocol.replace(/:$/, "");
  if (host) origins.push(`${proto}://${host}`);
  return origins;
}
