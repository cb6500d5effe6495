import { afterEach, describe, expect, it, vi } from "vitest";
import { log, redact, REDACTED } from "./log";

describe("security: log redaction covers nested keys", () => {
  afterEach(() => vi.restoreAllMocks());

  it("redacts secret-looking keys at any depth, in arrays and error causes", () => {
    const out = redact({
      userId: "u1",
      request: { headers: { Authorization: "Bearer abc", cookie: "next-auth.session-token=x" }, body: { refresh_token: "r", scope: "sleep" } },
      attempts: [{ access_token: "a", status: 401 }],
      error: new Error("refresh failed", { cause: { client_secret: "s" } }),
    }) as { userId: string; request: { headers: unknown; body: unknown }; attempts: unknown; error: { cause: unknown } };
    expect(out.userId).toBe("u1");
    expect(out.request.headers).toEqual({ Authorization: REDACTED, cookie: REDACTED });
    expect(out.request.body).toEqual({ refresh_token: REDACTED, scope: "sleep" });
    expect(out.attempts).toEqual([{ access_token: REDACTED, status: 401 }]);
    expect(out.error.cause).toEqual({ client_secret: REDACTED });
  });

  it("masks token-looking text anywhere, and survives cycles", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyM05JVEUifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const cyclic: Record<string, unknown> = { note: `upstream said Bearer ${"x".repeat(20)} and ${jwt}` };
    cyclic.self = cyclic;
    const out = redact(cyclic) as Record<string, unknown>;
    expect(out.note).not.toContain("xxxxxxxx");
    expect(out.note).not.toContain(jwt);
    expect(out.self).toBe("[circular]");
  });

  it("the log line itself carries no secret", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    log.error("token refresh failed", { connection: { id: "c1", tokens: { refreshToken: "super-secret-refresh" } } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("super-secret-refresh");
    expect(JSON.parse(lines[0]!).connection).toEqual({ id: "c1", tokens: REDACTED });
  });
});
