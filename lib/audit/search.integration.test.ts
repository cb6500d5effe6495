/**
 * The audit log's filters and its streamed CSV export against a real PostgreSQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

let db: typeof import("../db/client").db;
let search: typeof import("./search");
let csv: typeof import("./export-csv");
let filters: typeof import("./filters");
let record: typeof import("./record");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  search = await import("./search");
  csv = await import("./export-csv");
  filters = await import("./filters");
  record = await import("./record");
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, chunks };
    chunks += 1;
    text += decoder.decode(value);
  }
}

describe("audit log search and export", () => {
  it("filters by actor (email or name), subject, kind, outcome and UTC date range; pages newest first", async () => {
    const admin = await db.user.create({ data: { name: "Alan Admin", email: "alan@uni.example", role: "ADMIN" } });
    const rosa = await db.user.create({ data: { name: "Rosa Researcher", email: "rosa@uni.example", role: "RESEARCHER" } });
    const ada = await db.user.create({ data: { name: "Ada Steady" } });
    await record.recordAudit({ action: "role.change", actorId: admin.id, subjectUserId: rosa.id, details: { to: "RESEARCHER" } });
    await record.recordAudit({ action: "authz.refused", outcome: "refused", actorId: rosa.id, target: "/admin" });
    await record.recordAudit({ action: "access.revoke", actorId: admin.id, subjectUserId: ada.id });
    const kinds = async (f: Record<string, string>) => (await search.searchAudit(filters.auditFilterSchema.parse(f))).entries.map((entry) => entry.action);

    expect(await kinds({ actor: "alan@uni" })).toEqual(["access.revoke", "role.change"]);
    expect(await kinds({ actor: "Rosa" })).toEqual(["authz.refused"]);
    expect(await kinds({ subject: "ada steady" })).toEqual(["access.revoke"]);
    expect(await kinds({ subject: rosa.id })).toEqual(["role.change"]);
    expect(await kinds({ kind: "authz.refused", outcome: "refused" })).toEqual(["authz.refused"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await kinds({ from: today, to: today, actor: "alan" })).toHaveLength(2);
    expect(await kinds({ from: "2020-01-01", to: "2020-01-31" })).toEqual([]);
    // Empty form fields are no filter at all.
    expect(await kinds({ actor: "", kind: "", from: "", to: "", subject: "ada" })).toEqual(["access.revoke"]);
  });

  it("security: refuses impossible filters (unknown kind, bad dates, reversed range, unknown field)", () => {
    for (const bad of [{ kind: "drop table" }, { from: "2026-02-30" }, { from: "2026-03-02", to: "2026-03-01" }, { before: "-1" }, { userId: "x" }]) {
      expect(filters.auditFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("streams the filtered log as CSV in batches, newest first, with formula cells neutralised", async () => {
    const mallory = await db.user.create({ data: { name: "Mallory", email: "mallory@example.org" } });
    for (let i = 0; i < 25; i++) await record.recordAudit({ action: "api_token.use", actorId: mallory.id, target: i === 0 ? "=HYPERLINK(\"http://evil\")" : `/api/v1/${i}` });
    const { text, chunks } = await readAll(await csv.streamAuditCsv(filters.auditFilterSchema.parse({ actor: "mallory@" }), 10));
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe(csv.AUDIT_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(26);
    expect(chunks).toBeGreaterThanOrEqual(4); // header + three batches of at most 10
    expect(lines[1]).toContain("/api/v1/24");
    expect(lines.at(-1)).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines.slice(1).every((line) => line.includes(",api_token.use,ok,"))).toBe(true);
  });
});
