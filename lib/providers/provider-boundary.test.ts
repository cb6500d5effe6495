/**
 * The provider boundary, enforced: the legacy provider's id and paths appear only in its own
 * folder (lib/providers/fitbit/), the emulator, tests and test support, and UI copy (capitalised
 * "Fitbit" in sentences is fine). Everything else goes through lib/providers/types.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "components", "lib", "scripts", "instrumentation.ts", "instrumentation-node.ts"];
const ALLOWED = [
  /^lib\/providers\/fitbit\//,
  /^lib\/generated\//,
  /^lib\/testing\//,
  /^emulator\//,
  /^e2e\//,
  /\.(test|spec|integration\.test)\.tsx?$/,
  /\.fixture\.ts$/,
  // Synthetic cohort seed (npm run seed:cohort, bench): fixture rows standing for Fitbit-synced data.
  /^scripts\/lib\/synthetic-cohort\.ts$/,
  // Fitbit's own profile route (a Fitbit-only feature) and the button that calls it.
  /^app\/api\/fitbit\//,
  /^components\/refresh-profile-button\.tsx$/,
];
/** A string literal that is the provider id, or a path segment naming it. */
const LITERAL = /["'`](?:[^"'`\n]*\/)?fitbit(?:\/[^"'`\n]*)?["'`]/;

function* sourceFiles(entry: string): Generator<string> {
  const full = path.join(ROOT, entry);
  if (statSync(full).isFile()) {
    if (/\.(ts|tsx|mjs)$/.test(entry)) yield entry;
    return;
  }
  for (const name of readdirSync(full)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    yield* sourceFiles(path.join(entry, name));
  }
}

export function boundaryViolations(files: Iterable<string>, read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (ALLOWED.some((pattern) => pattern.test(file))) continue;
    read(file)
      .split("\n")
      .forEach((line, index) => {
        // Imports of the provider's own modules are how the boundary is crossed, on purpose.
        if (/^\s*(import|export)\b.*from\s/.test(line) || /^\s*}\s*from\s/.test(line)) return;
        if (LITERAL.test(line)) found.push(`${file}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe("provider boundary", () => {
  it("has no fitbit literal outside lib/providers/fitbit/, the emulator, tests and UI copy", () => {
    const files = SCANNED.flatMap((entry) => [...sourceFiles(entry)]);
    expect(files.length).toBeGreaterThan(50);
    expect(boundaryViolations(files, (file) => readFileSync(path.join(ROOT, file), "utf8"))).toEqual([]);
  });

  it("catches a hard-coded provider id, and lets UI copy through", () => {
    const sources: Record<string, string> = {
      "lib/sync/bad.ts": 'await db.syncState.findMany({ where: { provider: "fitbit" } });',
      "lib/sync/path.ts": "const url = `${base}/api/auth/callback/fitbit`;",
      "components/copy.tsx": "<p>Sign in with Fitbit (legacy)</p>",
      "lib/providers/fitbit/id.ts": 'export const FITBIT_PROVIDER_ID = "fitbit";',
    };
    expect(boundaryViolations(Object.keys(sources), (file) => sources[file]!)).toEqual([
      'lib/sync/bad.ts:1: await db.syncState.findMany({ where: { provider: "fitbit" } });',
      "lib/sync/path.ts:1: const url = `${base}/api/auth/callback/fitbit`;",
    ]);
  });
});
