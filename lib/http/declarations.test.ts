/**
 * security: every route handler, server action and page declares who may use it. Generated from
 * the files on disk at test time — a new route, action or page without a declaration fails here
 * before it can ship. The HTTP half (e2e/security-routes.spec.ts) attacks the same list.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_DIR, UNDECLARED_ROUTES, PUBLIC_PAGES, appFiles } from "../testing/app-files";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function validAllow(allow: unknown): boolean {
  if (allow === "anyone" || allow === "self") return true;
  if (typeof allow !== "object" || allow === null) return false;
  if ("roles" in allow) return Array.isArray(allow.roles) && allow.roles.length > 0;
  return "study" in allow && allow.study === "member";
}

describe("security: declarations", () => {
  const routes = appFiles("route.ts");
  const actions = appFiles("actions.ts");
  const pages = appFiles("page.tsx");

  it("finds the app's routes, actions and pages (the walk itself works)", () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(actions.length).toBeGreaterThan(1);
    expect(pages.length).toBeGreaterThan(10);
    expect(readdirSync(APP_DIR).length).toBeGreaterThan(0);
  });

  it.each(appFiles("route.ts").filter((file) => !(file in UNDECLARED_ROUTES)))("route %s declares auth and allow for every method", async (file) => {
    const mod = (await import(path.join(APP_DIR, "..", file))) as Record<string, unknown>;
    const handlers = METHODS.filter((method) => typeof mod[method] === "function");
    expect(handlers.length, `${file} exports no handler`).toBeGreaterThan(0);
    for (const method of handlers) {
      const declaration = (mod[method] as { declaration?: { auth?: unknown; allow?: unknown } }).declaration;
      expect(declaration, `${file} ${method} has no declaration: build it with defineRoute`).toBeDefined();
      expect(["user", "token", "none"]).toContain(declaration!.auth);
      expect(validAllow(declaration!.allow), `${file} ${method} allow`).toBe(true);
      // Mutations are never open to anyone.
      if (method !== "GET" && method !== "HEAD") expect(declaration!.allow, `${file} ${method}`).not.toBe("anyone");
    }
  });

  it.each(appFiles("actions.ts"))("every server action in %s is built with defineAction and declares allow", async (file) => {
    const mod = (await import(path.join(APP_DIR, "..", file))) as Record<string, unknown>;
    const exported = Object.entries(mod).filter(([, value]) => typeof value === "function");
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, action] of exported) {
      const declaration = (action as { declaration?: { allow?: unknown; name?: unknown } }).declaration;
      expect(declaration, `${file} ${name} has no declaration: build it with defineAction`).toBeDefined();
      expect(validAllow(declaration!.allow), `${file} ${name}`).toBe(true);
      expect(declaration!.allow).not.toBe("anyone");
    }
  });

  it.each(appFiles("page.tsx").filter((file) => !(file in PUBLIC_PAGES)))("page %s checks access through lib/authz/page", (file) => {
    const source = readFileSync(path.join(APP_DIR, "..", file), "utf8");
    expect(source, `${file} must call requireSelfPage, requireUserPage, requireRolePage, requireStudyPage or requireStudyParticipantPage`).toMatch(
      /\b(requireSelfPage|requireUserPage|requireRolePage|requireStudyPage|requireStudyParticipantPage)\(/,
    );
  });

  it("exemptions name files that exist (a stale exemption is a hole waiting for a new file)", () => {
    for (const file of [...Object.keys(UNDECLARED_ROUTES), ...Object.keys(PUBLIC_PAGES)]) expect(routes.concat(pages)).toContain(file);
  });
});
