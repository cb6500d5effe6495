/**
 * Reads the real third-party samples at test time from `<repo>/../shared/samples` (never copied
 * into the repo; see shared/samples/INDEX.md): strips a UTF-8 BOM and `.jsonc` comment lines.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const SAMPLES_DIR = path.resolve(__dirname, "../../../shared/samples");

export function readSample(relative: string): unknown {
  let text = readFileSync(path.join(SAMPLES_DIR, relative), "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (relative.endsWith(".jsonc")) text = text.split("\n").filter((line) => !/^\s*\/\//.test(line)).join("\n");
  return JSON.parse(text) as unknown;
}
