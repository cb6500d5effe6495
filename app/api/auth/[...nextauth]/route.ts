import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, context: Context) {
  // A person who clicks Deny (or a provider error) comes back with `?error=`. NextAuth would
  // call that a generic "Callback" error; send them to a page that explains it instead.
  const { pathname, searchParams } = request.nextUrl;
  const providerError = searchParams.get("error");
  if (request.method === "GET" && /\/callback\/[^/]+$/.test(pathname) && providerError) {
    const target = providerError === "access_denied" ? "/auth/denied" : "/auth/error?error=OAuthCallback";
    return NextResponse.redirect(new URL(target, process.env.NEXTAUTH_URL ?? request.url));
  }
  const handler = NextAuth(authOptions());
  return handler(request, { params: await context.params });
}

export { handle as GET, handle as POST };
