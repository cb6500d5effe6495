import type { Role } from "@/lib/generated/prisma/client";

/** Whoever is asking: a signed-in person (session) or a script with a personal API token. */
export interface Viewer {
  id: string;
  role: Role;
  via: "session" | "api_token";
}
