import { describe, expect, it } from "vitest";
import { convertWater, formatWater, ML_PER_US_FL_OZ, waterUnitFor } from "@/lib/units";
import { csvField, exportFileName, exportQuerySchema, toCsv } from "./export";

describe("CSV export formatting", () => {
  it("writes a header and CRLF rows in long format", () => {
    const csv = toCsv([
      { date: "2026-01-01", metric: "sleep_minutes_asleep", value: 421, unit: "min" },
      { date: "2026-01-01", metric: "hrv_daily_rmssd", value: 34.9, unit: "ms" },
    ]);
    expect(csv).toBe("date,metric,value,unit\r\n2026-01-01,sleep_minutes_asleep,421,min\r\n2026-01-01,hrv_daily_rmssd,34.9,ms\r\n");
  });

  it("quotes fields with commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("fl oz")).toBe("fl oz");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(-1.5)).toBe("-1.5");
    expect(toCsv([])).toBe("date,metric,value,unit\r\n");
  });

  it("validates the export query (format defaults to csv)", () => {
    expect(exportQuerySchema.parse({ preset: "7d" }).format).toBe("csv");
    expect(exportQuerySchema.safeParse({ format: "xml" }).success).toBe(false);
    expect(exportQuerySchema.safeParse({ format: "json", from: "2026-02-01", to: "2026-01-01" }).success).toBe(false);
    expect(exportFileName("2026-01-01", "2026-01-31", "json")).toBe("nightly-2026-01-01-to-2026-01-31.json");
  });
});

describe("unit conversion", () => {
  it("shows water in fl oz for US and ml for metric and UK", () => {
    expect(waterUnitFor("US")).toBe("fl oz");
    expect(waterUnitFor("UK")).toBe("ml");
    expect(waterUnitFor("METRIC")).toBe("ml");
    expect(convertWater(ML_PER_US_FL_OZ * 8, "US")).toBe(8);
    expect(convertWater(1892.7099609375, "US")).toBe(64);
    expect(convertWater(1892.7099609375, "METRIC")).toBe(1893);
    expect(convertWater(250, "UK")).toBe(250);
    expect(formatWater(500, "US")).toBe("16.9 fl oz");
    expect(formatWater(null, "US")).toBe("—");
  });
});
