import { exportFileName, exportQuerySchema, toCsv } from "@/lib/api-schemas/export";
import { resolveRange } from "@/lib/api-schemas/range";
import { recordAudit } from "@/lib/audit/record";
import { defineRoute } from "@/lib/http/route";
import { getExportRows } from "@/lib/queries/export";
import { getUserPrefs } from "@/lib/queries/user-prefs";

export const dynamic = "force-dynamic";

/** "Download my data": the signed-in person's values in the range, long format, as a file. */
export const GET = defineRoute({
  auth: "user",
  query: exportQuerySchema,
  handler: async ({ user, subject, query }) => {
    const prefs = await getUserPrefs(user.id);
    const range = resolveRange(query, prefs.timezone);
    const rows = await getExportRows(subject, range, prefs.unitSystem);
    await recordAudit({ action: "export", actorId: user.id, subjectUserId: user.id, details: { from: range.from, to: range.to, format: query.format, via: "own_download" } });
    const csv = query.format === "csv";
    const body = csv ? toCsv(rows) : JSON.stringify({ from: range.from, to: range.to, rows }, null, 2);
    return new Response(body, {
      headers: {
        "Content-Type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(range.from, range.to, query.format)}"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
