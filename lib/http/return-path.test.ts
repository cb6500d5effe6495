import { describe, expect, it } from "vitest";
import { returnPathOf } from "./callback-url";

describe("returnPathOf (where a deep-link sign-in returns)", () => {
  it("keeps a path of this site with its query", () => {
    expect(returnPathOf("/dashboard/sleep?preset=90d")).toBe("/dashboard/sleep?preset=90d");
    expect(returnPathOf(["/research/studies/abc", "/x"])).toBe("/research/studies/abc");
  });
  it("refuses other sites, API routes, odd characters and absurd lengths", () => {
    for (const bad of ["//evil.example/", "/\\evil.example", "https://evil.example/", "dashboard", "/api/me/export", "/dash board", `/${"a".repeat(2000)}`, "/é"])
      expect(returnPathOf(bad)).toBe("/dashboard");
    expect(returnPathOf(undefined)).toBe("/dashboard");
    expect(returnPathOf(null, "")).toBe("");
  });
});
