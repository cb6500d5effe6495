import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  name: string | null;
  image: string | null;
  role: "PARTICIPANT" | "RESEARCHER" | "ADMIN";
}

/** The signed-in person, checked against the database session (not just the cookie). Cached
 * per request: the layout and the page both ask, the database is asked once. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user as (SessionUser & { id?: string }) | undefined;
  if (!user?.id) return null;
  return { id: user.id, name: user.name ?? null, image: user.image ?? null, role: user.role };
});

/** For pages: the signed-in person, or a redirect to the landing page. */
export async function requireUserPage(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/?signin=required");
  return user;
}

/** For route handlers and actions: the signed-in person, or a 401 AppError. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError(401, "unauthenticated", "Sign in to continue.");
  return user;
}
