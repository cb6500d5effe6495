/**
 * recharts stays out of every dashboard page's first load: only recharts-kit.tsx imports it, and
 * plot.tsx loads that module lazily. A chart that imported recharts directly would pull ~110 KB
 * of compressed JavaScript back into the first load of every page using it (issue 10 §4).
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

describe("recharts boundary", () => {
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
