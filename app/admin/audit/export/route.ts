import { recordAudit } from "@/lib/audit/record";
import { auditFilterSchema } from "@/lib/audit/filters";
import { streamAuditCsv } from "@/lib/audit/export-csv";
import { defineRoute } from "@/lib/http/route";

/** The filtered audit log as CSV (streamed). Admins only; the export itself is audited. */
export const GET = defineRoute({
  auth: "user",
  allow: { roles: ["ADMIN"] },
  query: auditFilterSchema,
  handler: async ({ query, viewer }) => {
    await recordAudit({ action: "audit.export", actorId: viewer.id, details: { filters: JSON.parse(JSON.stringify(query)) } });
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(await streamAuditCsv(query), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="nightly-audit-${stamp}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
