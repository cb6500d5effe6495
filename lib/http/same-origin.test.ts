import { describe, expect, it } from "vitest";
import { allowedOrigins, crossSiteReason } from "./same-origin";

const APP = ["https://nightly.example.org"];

describe("security: cross-site requests are refused", () => {
  it("refuses same-site and cross-site browser requests", () => {
    expect(crossSiteReason(new Headers({ "sec-fetch-site": "same-site", origin: "https://evil.example.org" }), APP)).toMatch(/same-site/);
    expect(crossSiteReason(new Headers({ "sec-fetch-site": "cross-site" }), APP)).toMatch(/cross-site/);
    expect(crossSiteReason(new Headers({ "sec-fetch-site": "none" }), APP)).toMatch(/none/);
    // Old browsers without Fetch Metadata still send Origin.
    expect(crossSiteReason(new Headers({ origin: "https://nightly.example.org:8443" }), APP)).toMatch(/Origin/);
    expect(crossSiteReason(new Headers({ origin: "null" }), APP)).toMatch(/Origin/);
  });

  it("accepts same-origin requests and non-browser clients", () => {
    expect(crossSiteReason(new Headers({ "sec-fetch-site": "same-origin", origin: "https://nightly.example.org" }), APP)).toBeNull();
    expect(crossSiteReason(new Headers({ origin: "https://nightly.example.org" }), APP)).toBeNull();
    expect(crossSiteReason(new Headers(), APP)).toBeNull();
  });

  it("knows the configured origin and the one the request was sent to", () => {
    const headers = new Headers({ host: "localhost:3102" });
    expect(allowedOrigins("https://nightly.example.org/base", headers, "http:")).toEqual(["https://nightly.example.org", "http://localhost:3102"]);
  });
});
