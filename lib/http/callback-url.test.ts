import { describe, expect, it } from "vitest";
import { isSafeCallbackUrl, safeAuthErrorCode } from "./callback-url";

const APP = "https://nightly.example.org";

describe("security: callback URLs NextAuth would choke on or redirect off-site", () => {
  it("keeps same-origin paths and URLs", () => {
    for (const value of ["/", "/dashboard?preset=7d", "https://nightly.example.org/account"]) {
      expect(isSafeCallbackUrl(value, APP), value).toBe(true);
    }
  });

  it("drops malformed, non-ASCII, scheme and off-site values", () => {
    for (const value of ["foo", "a b", "/\uFFFD", "javascript:alert(1)", "//evil.example/", "/\\evil.example", "https://evil.example/", "http://nightly.example.org/", "", "/".padEnd(3000, "a")]) {
      expect(isSafeCallbackUrl(value, APP), value).toBe(false);
    }
  });

  it("reduces auth error codes to a word", () => {
    expect(safeAuthErrorCode("OAuthCallback")).toBe("OAuthCallback");
    expect(safeAuthErrorCode("\uFFFD")).toBe("Default");
    expect(safeAuthErrorCode(null)).toBe("Default");
  });
});
