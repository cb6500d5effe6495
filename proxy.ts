/**
 * Runs before every request (Next.js proxy, Node runtime): drops callback URLs NextAuth would
 * answer 500 for, and sets the security headers — a per-request CSP nonce that Next.js stamps on
 * its scripts, frame-ancestors 'none', HSTS over https (lib/http/security-headers.ts).
 */
import { NextResponse, type NextRequest } from "next/server";
import { CALLBACK_URL_COOKIES, isSafeCallbackUrl, REQUESTED_PATH_HEADER, safeAuthErrorCode } from "@/lib/http/callback-url";
import { securityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const publicUrl = process.env.NEXTAUTH_URL ?? request.nextUrl.origin;
  const appOrigin = new URL(publicUrl).origin;
  const headers = securityHeaders({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    https: publicUrl.startsWith("https:") || request.headers.get("x-forwarded-proto") === "https",
    development: process.env.NODE_ENV === "development",
    providerUrls: [process.env.FITBIT_OAUTH_BASE_URL, process.env.FITBIT_API_BASE_URL, process.env.GOOGLE_OAUTH_BASE_URL],
  });
  const { pathname, searchParams } = request.nextUrl;

  let response: NextResponse;
  if (pathname === "/api/auth/error") {
    // NextAuth copies the code into a Location header unencoded; %ff there is a 500.
    response = NextResponse.redirect(new URL(`/auth/error?error=${safeAuthErrorCode(searchParams.get("error"))}`, publicUrl));
  } else if (pathname.startsWith("/api/auth/") && searchParams.has("callbackUrl") && !isSafeCallbackUrl(searchParams.get("callbackUrl") ?? "", appOrigin)) {
    // Ignored: the same request again without it (NextAuth then uses its default, the start page).
    const cleaned = new URL(`${pathname}${request.nextUrl.search}`, publicUrl);
    cleaned.searchParams.delete("callbackUrl");
    response =
      request.method === "GET" || request.method === "HEAD"
        ? NextResponse.redirect(cleaned)
        : NextResponse.json({ error: { code: "bad_request", message: "callbackUrl must be a page of this site." } }, { status: 400 });
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders(request, appOrigin, headers) } });
  }
  for (const name of unsafeCallbackCookies(request, appOrigin)) response.cookies.delete(name);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function unsafeCallbackCookies(request: NextRequest, appOrigin: string): string[] {
  return CALLBACK_URL_COOKIES.filter((name) => {
    const cookie = request.cookies.get(name);
    return cookie !== undefined && !isSafeCallbackUrl(cookie.value, appOrigin);
  });
}

/** The request as the app sees it: the CSP (Next.js reads the nonce from it), minus bad cookies. */
function requestHeaders(request: NextRequest, appOrigin: string, security: Record<string, string>): Headers {
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", security["Content-Security-Policy"]!);
  // The page asked for, so a sign-in wall can send the person back to it (lib/auth/session.ts).
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const unsafe = unsafeCallbackCookies(request, appOrigin);
  if (unsafe.length > 0) {
    const kept = (request.headers.get("cookie") ?? "").split(";").filter((pair) => !unsafe.includes(pair.split("=")[0]!.trim()));
    headers.set("cookie", kept.join(";").trim());
  }
  return headers;
}
