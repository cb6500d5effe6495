import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, resolveLocale, supportedLocale } from "./resolve";

describe("resolveLocale (Accept-Language → the locale dates and numbers are written in)", () => {
  it("takes the browser's first choice", () => {
    expect(resolveLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de-DE");
    expect(resolveLocale("en-US,en;q=0.9")).toBe("en-US");
    expect(resolveLocale("en-GB")).toBe("en-GB");
  });

  it("orders by quality, not position, and skips q=0", () => {
    expect(resolveLocale("fr-FR;q=0.5, de-DE;q=0.9")).toBe("de-DE");
    expect(resolveLocale("de-DE;q=0, en-US;q=0.4")).toBe("en-US");
  });

  it("canonicalises case and keeps bare languages (English alone stays en-GB)", () => {
    expect(resolveLocale("EN-us")).toBe("en-US");
    expect(resolveLocale("de")).toBe("de");
    expect(resolveLocale("en")).toBe(DEFAULT_LOCALE);
  });

  it("falls back to en-GB for missing, wildcard, malformed or oversized headers", () => {
    for (const header of [null, undefined, "", "*", "not a locale!!", ";q=1", "de-DE;q=abc", "x".repeat(600), "en-US;q=2"]) {
      expect(resolveLocale(header)).toBe(DEFAULT_LOCALE);
    }
  });

  it("prefers a stored preference when one is valid", () => {
    expect(resolveLocale("en-US", "de-DE")).toBe("de-DE");
    expect(resolveLocale("en-US", "nonsense!!")).toBe("en-US");
  });

  it("supportedLocale refuses what Intl cannot write", () => {
    expect(supportedLocale("en-US")).toBe("en-US");
    expect(supportedLocale("zz-ZZ-!!")).toBeNull();
    expect(supportedLocale(null)).toBeNull();
  });
});
