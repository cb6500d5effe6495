import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateTokenKey } from "../../lib/crypto/token-cipher";
import { productionStartProblem } from "./production-guards";

const good = {
  NODE_ENV: "production",
  TOKEN_ENCRYPTION_KEY: generateTokenKey("prod1"),
  NEXTAUTH_SECRET: "a-production-secret-of-some-length",
  FITBIT_OAUTH_BASE_URL: "https://www.fitbit.com",
  FITBIT_API_BASE_URL: "https://api.fitbit.com",
} as NodeJS.ProcessEnv;
const local = { NEXTAUTH_SECRET: "local-generated-secret-xyz", TOKEN_ENCRYPTION_KEY: generateTokenKey("demo1") };

describe("security: npm start in production refuses unsafe configuration", () => {
  it("accepts a proper production configuration, and loopback provider URLs (an emulator)", () => {
    expect(productionStartProblem(good, local)).toBeNull();
    expect(productionStartProblem({ ...good, FITBIT_API_BASE_URL: "http://127.0.0.1:4010" }, local)).toBeNull();
  });

  it.each([
    ["demo mode", { NIGHTLY_DEMO: "1" }, /NIGHTLY_DEMO=1 is demo mode/],
    ["no token key", { TOKEN_ENCRYPTION_KEY: "" }, /TOKEN_ENCRYPTION_KEY is not set/],
    ["the generated local key", { TOKEN_ENCRYPTION_KEY: `${generateTokenKey("k2")},${local.TOKEN_ENCRYPTION_KEY}` }, /local key generated/],
    ["the generated local session secret", { NEXTAUTH_SECRET: local.NEXTAUTH_SECRET }, /NEXTAUTH_SECRET is the local secret/],
    ["plain-http OAuth URL", { FITBIT_OAUTH_BASE_URL: "http://fitbit.example.org" }, /FITBIT_OAUTH_BASE_URL uses plain http \(fitbit\.example\.org\)/],
    ["plain-http API URL", { FITBIT_API_BASE_URL: "http://10.0.0.5:8080" }, /FITBIT_API_BASE_URL uses plain http/],
  ])("%s", (_label, patch, message) => {
    const problem = productionStartProblem({ ...good, ...patch } as NodeJS.ProcessEnv, local);
    expect(problem).toMatch(message);
    expect(problem).not.toContain("\n");
    expect(problem).not.toContain(local.NEXTAUTH_SECRET);
  });

  it("the real launcher prints one line and exits 1 (no database started)", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, ...good, NIGHTLY_DEMO: "1", DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
    expect(lines).toEqual([expect.stringMatching(/^Refusing to start: NIGHTLY_DEMO=1 is demo mode/)]);
  }, 60_000);

  it("the production launcher does not import the emulator (directly or through its imports)", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+|@\/[^"]+)"/g)) {
        const specifier = match[1]!;
        const base = specifier.startsWith("@/") ? path.resolve(specifier.slice(2)) : path.resolve(path.dirname(file), specifier);
        const candidates = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base];
        const found = candidates.find((candidate) => {
          try {
            return readFileSync(candidate) !== undefined && /\.tsx?$/.test(candidate);
          } catch {
            return false;
          }
        });
        if (found) visit(found);
      }
    };
    visit(path.resolve("scripts/start.ts"));
    expect(seen.size).toBeGreaterThan(3);
    expect([...seen].filter((file) => file.includes(`${path.sep}emulator${path.sep}`))).toEqual([]);
  });
});
