import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { allowedOrigins, crossSiteReason } from "@/lib/http/same-origin";
import { errorResponse } from "@/lib/http/route";
import { linkSecretSchema } from "@/lib/import/shimmer/link-schema";
import { startReauthorization } from "@/lib/import/shimmer/start-reauthorization";
import { log } from "@/lib/log";

type Context = { params: Promise<{ token: string }> };

/**
 * "Continue" on an imported record's link (issue 9 §2): a POST from the link's own page, by a
 * person not signed in yet (so no defineRoute: listed in UNDECLARED_ROUTES with why that is
 * safe). Same-origin only; the link's secret is the credential. Sends the browser to the
 * provider's consent with the record's state and PKCE challenge; NextAuth's callback finishes.
 */
export async function POST(request: NextRequest, context: Context): Promise<Response> {
  const publicUrl = env().NEXTAUTH_URL;
  const reason = crossSiteReason(request.headers, allowedOrigins(publicUrl, request.headers, request.nextUrl.protocol));
  if (reason) {
    log.warn("cross-site request refused", { method: "POST", path: "/reauthorize/[token]/start", reason });
    return errorResponse(new AppError(403, "forbidden", "Requests from other sites are not accepted."));
  }
  const parsed = linkSecretSchema.safeParse((await context.params).token);
  if (!parsed.success) return errorResponse(new AppError(404, "not_found", "This link does not work."));
  const page = new URL(`/reauthorize/${parsed.data}`, publicUrl);
  // Signed in already: the page explains (a sign-in here would join this account instead).
  if (await currentUser()) return NextResponse.redirect(page, 303);
  try {
    const { authorizationUrl, cookies } = await startReauthorization(parsed.data);
    const response = NextResponse.redirect(authorizationUrl, 303);
    for (const cookie of cookies) response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (error) {
    if (!(error instanceof AppError)) return errorResponse(error);
    page.searchParams.set("problem", error.code);
    return NextResponse.redirect(page, 303);
  }
}
