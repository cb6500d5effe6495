/**
 * Test support: the "shape" of a JSON value (keys and value types, recursively; array elements
 * merged) and the differences between two shapes. Contract tests use it to check that the
 * emulator answers with the same structure as real captured responses, without comparing values.
 */
export type Shape =
  | { t: "string" | "number" | "boolean" | "null" }
  | { t: "array"; of: Shape | null }
  | { t: "object"; keys: Record<string, Shape> }
  | { t: "mixed"; of: Shape[] };

export function shapeOf(value: unknown): Shape {
  if (value === null) return { t: "null" };
  if (Array.isArray(value)) {
    return {
      t: "array",
      of: value.map(shapeOf).reduce<Shape | null>((a, b) => (a ? merge(a, b) : b), null),
    };
  }
  if (typeof value === "object") {
    const keys: Record<string, Shape> = {};
    for (const [k, v] of Object.entries(value)) keys[k] = shapeOf(v);
    return { t: "object", keys };
  }
  const t = typeof value;
  if (t === "string" || t === "number" || t === "boolean") return { t };
  throw new Error(`not JSON: ${t}`);
}

function merge(a: Shape, b: Shape): Shape {
  if (a.t === "object" && b.t === "object") {
    const keys = { ...a.keys };
    for (const [k, v] of Object.entries(b.keys)) keys[k] = keys[k] ? merge(keys[k], v) : v;
    return { t: "object", keys };
  }
  if (a.t === "array" && b.t === "array") {
    return { t: "array", of: a.of && b.of ? merge(a.of, b.of) : (a.of ?? b.of) };
  }
  if (a.t === b.t) return a;
  return { t: "mixed", of: [a, b] };
}

export interface ShapeDifference {
  /** JSON path like `$.sleep[].levels.data[].dateTime`. */
  path: string;
  kind: "missing" | "extra" | "type" | "empty";
  detail: string;
}

/** How `actual` differs from `expected`: keys missing or extra, value types that differ, and
 * arrays that are empty in `actual` (so their elements could not be compared). */
export function shapeDiff(expected: unknown, actual: unknown): ShapeDifference[] {
  const out: ShapeDifference[] = [];
  const walk = (e: Shape, a: Shape, path: string) => {
    if (e.t !== a.t) {
      out.push({ path, kind: "type", detail: `expected ${e.t}, got ${a.t}` });
      return;
    }
    if (e.t === "object" && a.t === "object") {
      for (const [k, v] of Object.entries(e.keys)) {
        const other = a.keys[k];
        if (other === undefined) out.push({ path: `${path}.${k}`, kind: "missing", detail: v.t });
        else walk(v, other, `${path}.${k}`);
      }
      for (const k of Object.keys(a.keys))
        if (!(k in e.keys)) out.push({ path: `${path}.${k}`, kind: "extra", detail: a.keys[k]!.t });
    } else if (e.t === "array" && a.t === "array" && e.of) {
      if (!a.of) out.push({ path: `${path}[]`, kind: "empty", detail: "no elements to compare" });
      else walk(e.of, a.of, `${path}[]`);
    }
  };
  walk(shapeOf(expected), shapeOf(actual), "$");
  return out;
}

/** Parses a sample file: strips a UTF-8 BOM and, for `.jsonc`, whole-line `//` comments. */
export function parseSample(text: string, jsonc: boolean): unknown {
  let t = text.replace(/^\uFEFF/, "");
  if (jsonc)
    t = t
      .split("\n")
      .filter((l) => !l.trim().startsWith("//"))
      .join("\n");
  return JSON.parse(t);
}
