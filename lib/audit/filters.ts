/**
 * The audit log's filters, as they appear in the URL of /admin/audit and its CSV export.
 * Shared by the page, the export route and the form, so all three agree on every rule.
 */
import { z } from "zod";
import { addDays } from "@/lib/dates";
import { isoDate } from "@/lib/api-schemas/range";
import { AUDIT_ACTIONS } from "./actions";

/** An empty form field means "no filter", not "invalid". */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());

export const auditFilterSchema = z
  .strictObject({
    actor: optional(z.string().trim().max(200, { message: "actor: at most 200 characters." })),
    subject: optional(z.string().trim().max(200, { message: "subject: at most 200 characters." })),
    kind: optional(z.enum(AUDIT_ACTIONS, { message: `kind must be one of ${AUDIT_ACTIONS.join(", ")}.` })),
    outcome: optional(z.enum(["ok", "refused"], { message: "outcome must be ok or refused." })),
    from: optional(isoDate),
    to: optional(isoDate),
    /** Keyset paging: entries older than this id. */
    before: optional(z.string().regex(/^[1-9][0-9]{0,17}$/, { message: "before must be an entry id." })),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must be on or after the start date." });
  });
export type AuditFilters = z.infer<typeof auditFilterSchema>;

/** The filters as a query string (empty ones left out), for links and the export. */
export function auditQueryString(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Inclusive UTC dates to the half-open instant range the query uses. */
export function auditTimeRange(filters: Pick<AuditFilters, "from" | "to">): { gte?: Date; lt?: Date } {
  return {
    ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
    ...(filters.to ? { lt: new Date(`${addDays(filters.to, 1)}T00:00:00Z`) } : {}),
  };
}
