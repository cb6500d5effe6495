/**
 * NextAuth answers 500 on every page when its callback-url cookie or `callbackUrl` parameter is
 * not a URL it accepts (`next-auth.callback-url=foo`), and its error redirect throws on
 * non-Latin-1 text (`/api/auth/error?error=%ff`). proxy.ts uses these checks to drop such values
 * before NextAuth sees them. Only same-origin paths and URLs survive, which also rules out open
 * redirects.
 */
export const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export function isSafeCallbackUrl(value: string, appOrigin: string): boolean {
  if (!PRINTABLE_ASCII.test(value) || value.length > 2048) return false;
  if (value.startsWith("/")) return !value.startsWith("//") && !value.startsWith("/\\");
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === appOrigin;
  } catch {
    return false;
  }
}

/** NextAuth's error codes are single words; anything else becomes the generic one. */
export function safeAuthErrorCode(value: string | null): string {
  return value && /^[A-Za-z]{1,64}$/.test(value) ? value : "Default";
}

/** Set by proxy.ts on every request: the path and query the browser asked for. */
export const REQUESTED_PATH_HEADER = "x-nightly-requested-path";

/**
 * Where to go after signing in from a deep link (`/?signin=required&next=/dashboard/sleep?...`):
 * only a path of this site (never `//host` or a URL), else the dashboard.
 */
export function returnPathOf(value: string | string[] | undefined | null, fallback = "/dashboard"): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (!first || !first.startsWith("/") || !PRINTABLE_ASCII.test(first) || first.length > 1024) return fallback;
  if (first.startsWith("//") || first.startsWith("/\\") || first.startsWith("/api/")) return fallback;
  return first;
}
