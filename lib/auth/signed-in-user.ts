import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db/client";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The person already signed in on the request NextAuth is handling (its signIn callback gets no
 * session): read from the session cookie, as NextAuth's own database sessions store it.
 */
export async function signedInUserId(): Promise<string | null> {
  let store: Awaited<ReturnType<typeof cookies>>;
  try {
    store = await cookies();
  } catch {
    return null; // outside a request (scripts, tests)
  }
  const token = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  if (!token) return null;
  const session = await db.session.findUnique({ where: { sessionToken: token }, select: { userId: true, expires: true } });
  return session && session.expires > new Date() ? session.userId : null;
}
