import "server-only";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { assertDatabaseAvailable, DatabaseUnavailableError } from "@/lib/db/availability";
import { AppError } from "@/lib/errors/app-error";
import { REQUESTED_PATH_HEADER, returnPathOf } from "@/lib/http/callback-url";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  name: string | null;
  image: string | null;
  role: "PARTICIPANT" | "RESEARCHER" | "ADMIN";
}

export const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** The signed-in person, checked against the database session (not just the cookie). Cached
 * per request: the layout and the page both ask, the database is asked once. Throws
 * DatabaseUnavailableError (503) when a session cookie came but the database cannot say whose:
 * an outage must not look like being signed out. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user as (SessionUser & { id?: string }) | undefined;
  if (!user?.id) {
    const jar = await cookies();
    if (SESSION_COOKIES.some((name) => jar.has(name))) await assertDatabaseAvailable();
    return null;
  }
  return { id: user.id, name: user.name ?? null, image: user.image ?? null, role: user.role };
});

/** For pages and layouts: like currentUser, but an outage sends the browser to the 503 page. */
export async function currentUserPage(): Promise<SessionUser | null> {
  try {
    return await currentUser();
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) redirect("/unavailable");
    throw error;
  }
}

/** For pages: the signed-in person, or a redirect to the landing page that returns here after. */
export async function requireUserPage(): Promise<SessionUser> {
  const user = await currentUserPage();
  if (!user) {
    const requested = returnPathOf((await headers()).get(REQUESTED_PATH_HEADER), "");
    redirect(requested && requested !== "/" ? `/?signin=required&next=${encodeURIComponent(requested)}` : "/?signin=required");
  }
  return user;
}

/** For route handlers and actions: the signed-in person, or a 401 AppError. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError(401, "unauthenticated", "Sign in to continue.");
  return user;
}
