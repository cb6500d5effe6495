import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseShimmerFile } from "./parse-file";
import { fitbitOAuth1Token } from "./record-schema";

/** The record exactly as issue 9 §2 quotes it (a multi-line JSON object). */
const ISSUE_RECORD_TEXT = readFileSync(path.join(import.meta.dirname, "fixtures", "issue-9-record.json"), "utf8");
const ISSUE_RECORD = JSON.parse(ISSUE_RECORD_TEXT) as Record<string, unknown>;

const variant = (changes: Record<string, unknown>, drop: string[] = []) => {
  const record: Record<string, unknown> = { ...ISSUE_RECORD, ...changes };
  for (const key of drop) delete record[key];
  return record;
};
const ndjson = (...records: unknown[]) => records.map((record) => (typeof record === "string" ? record : JSON.stringify(record))).join("\n") + "\n";

describe("parseShimmerFile", () => {
  it("reads the issue's record as quoted (one pretty-printed object), keeping only what is traced", () => {
    const parsed = parseShimmerFile(ISSUE_RECORD_TEXT);
    expect(parsed).toEqual({
      format: "json-object",
      problems: [],
      records: [{ line: 1, record: { id: "56292336e4b0682904230a52", stateKey: "c19cb2bf-9303-4f97-8573-9182849d963c", username: "tp|0e5fab3f1a", clientRedirectUrl: "oob" } }],
    });
    // The OAuth 1.0 token and secret are not carried any further.
    expect(JSON.stringify(parsed)).not.toContain("699018ef6491ead4cadf682507bca5a0");
    expect(JSON.stringify(parsed)).not.toContain("6130fa167f49d2149cbec7d04cf14244");
  });

  it("reads the same record in a JSON array and as NDJSON, with the line each record starts on", () => {
    const second = variant({ username: "tp|second", id: "2" });
    const array = parseShimmerFile(`[\n  ${ISSUE_RECORD_TEXT.trim().replace(/\n/g, "\n  ")},\n  ${JSON.stringify(second)}\n]\n`);
    expect(array.format).toBe("json-array");
    expect(array.problems).toEqual([]);
    expect(array.records.map((r) => [r.line, r.record.username])).toEqual([
      [2, "tp|0e5fab3f1a"],
      [8, "tp|second"],
    ]);
    const lines = parseShimmerFile(ndjson(ISSUE_RECORD, "", second));
    expect(lines.format).toBe("ndjson");
    expect(lines.records.map((r) => [r.line, r.record.username])).toEqual([
      [1, "tp|0e5fab3f1a"],
      [3, "tp|second"],
    ]);
  });

  it("reports each malformed NDJSON record with its line: bad JSON, a missing field, a non-Fitbit URL, a duplicate username", () => {
    const file = ndjson(
      variant({ username: "ok-1" }),
      '{"id": "x", "username": "broken"', // line 2: not JSON
      variant({ username: "no-state" }, ["stateKey"]), // line 3
      variant({ username: "elsewhere", authorizationUrl: "https://evil.example/oauth/authenticate?oauth_token=699018ef6491ead4cadf682507bca5a0&oauth_consumer_key=1" }), // line 4
      variant({ username: "ok-1", id: "other" }), // line 5: same username as line 1
      variant({ username: "oauth2", authorizationUrl: "https://www.fitbit.com/oauth2/authorize?client_id=X&response_type=code" }), // line 6
      variant({ username: "other-token", requestParams: { oauth_token: "nope", oauth_token_secret: "s" } }), // line 7
      variant({ username: "   " }), // line 8
      "[1, 2]", // line 9
    );
    const parsed = parseShimmerFile(file);
    expect(parsed.records.map((r) => r.line)).toEqual([1, 5]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const at = (line: number) => parsed.problems.find((p) => p.line === line)!.message;
    expect(at(2)).toMatch(/^not valid JSON/);
    expect(at(3)).toBe("stateKey is missing");
    expect(at(4)).toMatch(/^authorizationUrl is not a Fitbit OAuth 1.0 authorization URL/);
    expect(at(5)).toBe("username “ok-1” is also on line 1");
    expect(at(6)).toMatch(/^authorizationUrl is not a Fitbit OAuth 1.0/);
    expect(at(7)).toBe("authorizationUrl names a different oauth_token than requestParams");
    expect(at(8)).toBe("username is empty");
    expect(at(9)).toBe("the record must be a JSON object");
  });

  it("reports problems in a JSON array at the line where each element starts, and finds the others despite a broken one", () => {
    const good = (name: string) => JSON.stringify(variant({ username: name }), null, 2).replace(/\n/g, "\n  ");
    const a = good("a");
    const b = 2 + a.split("\n").length; // the line after a's last
    const file = [
      "[",
      `  ${a},`,
      '  {"id": "b", "username": "b" "stateKey": "x"},', // missing comma inside
      `  ${JSON.stringify(variant({ username: "c" }, ["requestParams"]))},`,
      `  ${good("d")}`,
      "]",
    ].join("\n");
    const parsed = parseShimmerFile(file);
    expect(parsed.format).toBe("json-array");
    expect(parsed.records.map((r) => [r.line, r.record.username])).toEqual([
      [2, "a"],
      [b + 2, "d"],
    ]);
    expect(parsed.problems).toEqual([
      { line: b, message: expect.stringMatching(/^not valid JSON/) },
      { line: b + 1, message: "requestParams is missing" },
    ]);
  });

  it("reports an array that never closes, an empty element, an empty file", () => {
    expect(parseShimmerFile(`[\n${JSON.stringify(ISSUE_RECORD)},\n`).problems).toEqual([{ line: 3, message: "not valid JSON: the array is never closed with ]" }]);
    expect(parseShimmerFile(`[\n${JSON.stringify(ISSUE_RECORD)},\n,\n]`).problems.map((p) => p.line)).toEqual([3]);
    expect(parseShimmerFile(" \n\n").problems).toEqual([{ line: 1, message: "The file is empty." }]);
    expect(parseShimmerFile("[]").records).toEqual([]);
  });

  it("recognizes Fitbit OAuth 1.0 authorization URLs only", () => {
    expect(fitbitOAuth1Token(ISSUE_RECORD.authorizationUrl as string)).toBe("699018ef6491ead4cadf682507bca5a0");
    expect(fitbitOAuth1Token("http://www.fitbit.com/oauth/authenticate?oauth_token=a&oauth_consumer_key=b")).toBeNull();
    expect(fitbitOAuth1Token("https://www.fitbit.com.evil.example/oauth/authenticate?oauth_token=a&oauth_consumer_key=b")).toBeNull();
    expect(fitbitOAuth1Token("https://www.fitbit.com/oauth/authenticate?oauth_consumer_key=b")).toBeNull();
    expect(fitbitOAuth1Token("https://www.fitbit.com/oauth/authenticate?oauth_token=a&oauth_consumer_key=b&oauth_version=2.0")).toBeNull();
    expect(fitbitOAuth1Token("https://www.fitbit.com/oauth/authorize?oauth_token=a&oauth_consumer_key=b")).toBe("a");
    expect(fitbitOAuth1Token("not a url")).toBeNull();
  });
});
