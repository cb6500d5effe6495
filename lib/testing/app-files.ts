/**
 * The app's routes, actions and pages as files on disk, read at test time by the declaration
 * check (lib/http/declarations.test.ts) and the HTTP security suite (e2e/security-routes.spec.ts).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

/** Repo-relative paths (app/...) of every file with this name under app/. */
export function appFiles(name: string, dir = APP_DIR): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...appFiles(name, full));
    else if (entry === name) found.push(path.relative(path.dirname(APP_DIR), full).split(path.sep).join("/"));
  }
  return found;
}

/** The URL path of a route or page file, with its dynamic segments as `[name]`. */
export function urlOf(file: string): string {
  const dir = path.posix.dirname(file.replace(/^app\//, ""));
  return dir === "." ? "/" : `/${dir}`;
}

/** Routes that are not defineRoute handlers, each with the reason it is safe. */
export const UNDECLARED_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "NextAuth's own handler: its CSRF token, state and PKCE checks guard sign-in and sign-out",
  "app/api/health/route.ts": "liveness for load balancers: says only whether the database answers",
  "app/unavailable/route.ts": "a static 503 page shown while the database is down",
  "app/reauthorize/[token]/start/route.ts":
    "an imported record's link's Continue, by a person not signed in yet: same-origin only, the link's unguessable secret is the credential, it only starts an OAuth flow NextAuth finishes",
  "app/api/webhooks/google-health/route.ts":
    "Google Health webhook (defineWebhookRoute): no session or token; every request must carry the configured secret (401/403) and notifications an ECDSA signature over the body (401) before anything is recorded — tested in lib/providers/google/webhook/endpoint.integration.test.ts",
};

/** Pages anyone may open, each with the reason. */
export const PUBLIC_PAGES: Record<string, string> = {
  "app/page.tsx": "the landing page (sign-in)",
  "app/auth/denied/page.tsx": "explains a declined consent",
  "app/auth/error/page.tsx": "explains a failed sign-in",
  "app/enrol/[token]/page.tsx": "an enrolment link's page: shows the study only for a live link's secret",
  "app/reauthorize/[token]/page.tsx": "an imported record's link: shows only its username and study, for a live link's secret",
  "app/update-connection/page.tsx": "where the admin's \"update your connection\" link leads: a sign-in button, nothing about anyone",
};
