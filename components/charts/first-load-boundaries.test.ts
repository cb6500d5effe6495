/**
 * What keeps a dashboard page's first load under 200 KB of compressed JavaScript (issue 10 §4,
 * measured by `npm run bench -- pages`): recharts (~110 KB) is imported only by recharts-kit.tsx,
 * which plot.tsx loads lazily, and zod (~30 KB) by no client component (they use
 * lib/api-schemas/range-rules.ts, the same rules without zod).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const FOLDERS = ["components/charts", "components/dashboard", "app/dashboard"];

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".test.ts"))
    .map((file) => path.join(folder, file));
}

describe("recharts stays out of the first load", () => {
  it("only components/charts/recharts-kit.tsx imports recharts", () => {
    const importers = FOLDERS.flatMap(sources).filter((file) => /from\s+"recharts"/.test(readFileSync(path.join(root, file), "utf8")));
    expect(importers).toEqual(["components/charts/recharts-kit.tsx"]);
  });

  it("the kit is imported only lazily, through plot.tsx", () => {
    const staticImporters = FOLDERS.flatMap(sources).filter((file) => /import\s+(?!type\b)[^;]*from\s+"\.\/recharts-kit"/.test(readFileSync(path.join(root, file), "utf8")));
    expect(staticImporters).toEqual([]);
    expect(readFileSync(path.join(root, "components/charts/plot.tsx"), "utf8")).toMatch(/dynamic\(\(\) => import\("\.\/recharts-kit"\)/);
  });
});

describe("zod stays out of the dashboard's client components", () => {
  it("no client module imports zod or a zod schema module", () => {
    const client = FOLDERS.flatMap(sources).filter((file) => /^["']use client["']/m.test(readFileSync(path.join(root, file), "utf8")));
    expect(client.length).toBeGreaterThan(10);
    const offenders = client.filter((file) => {
      const text = readFileSync(path.join(root, file), "utf8");
      return /import\s+(?!type\b)[^;]*from\s+"(zod(\/[a-z]+)?|@\/lib\/api-schemas\/(range|export|account))"/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
