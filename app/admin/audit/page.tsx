import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/admin/audit-table";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { auditFilterSchema, auditQueryString } from "@/lib/audit/filters";
import { searchAudit } from "@/lib/audit/search";
import { requireRolePage } from "@/lib/authz/page";
import { requestFormatter } from "@/lib/locale/request";
import { viewerTimeZone } from "@/lib/locale/viewer-time-zone";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const admin = await requireRolePage(["ADMIN"], "/admin/audit");
  const [f, timeZone] = await Promise.all([requestFormatter(), viewerTimeZone(admin.id)]);
  const raw = await searchParams;
  // A repeated parameter is not a filter we understand: treat it like any other invalid input.
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? null : value])));
  const filters = parsed.success ? parsed.data : {};
  const problem = parsed.success ? null : parsed.error.issues[0]?.message ?? "Those filters were not understood.";
  const result = parsed.success ? await searchAudit(filters) : null;
  const field = (name: keyof typeof filters) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
  return (
    <div className="stack">
      <p>
        <Link href="/admin">← Admin</Link>
      </p>
      <h1>Audit log</h1>
      <p className="muted">Append-only: Nightly can add entries but never change or delete them. Times are to the second in{" "}
        {timeZone ? `your time zone (${timeZone})` : "UTC"}, each with its zone; the From/To dates are UTC days, and the CSV keeps ISO times in UTC.
      </p>
      <form method="get" className="card stack" aria-label="Filter the audit log">
        <div className="actions" style={{ flexWrap: "wrap" }}>
          <label>
            Actor <input name="actor" defaultValue={field("actor")} placeholder="email, name or id" maxLength={200} />
          </label>
          <label>
            Subject <input name="subject" defaultValue={field("subject")} placeholder="email, name or id" maxLength={200} />
          </label>
          <label>
            Kind{" "}
            <select name="kind" defaultValue={field("kind")}>
              <option value="">any</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </select>
          </label>
          <label>
            Outcome{" "}
            <select name="outcome" defaultValue={field("outcome")}>
              <option value="">any</option>
              <option value="ok">ok</option>
              <option value="refused">refused</option>
            </select>
          </label>
          <label>
            From <input type="date" name="from" defaultValue={field("from")} />
          </label>
          <label>
            To <input type="date" name="to" defaultValue={field("to")} />
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary button-small">Filter</button>
          <Link href="/admin/audit">Clear filters</Link>
          {result ? (
            <a className="button button-secondary button-small" href={`/admin/audit/export${auditQueryString({ ...filters, before: undefined })}`} download>
              Download CSV
            </a>
          ) : null}
        </div>
      </form>
      {problem ? (
        <p role="alert" className="notice notice-warn">
          {problem}
        </p>
      ) : null}
      {result && result.entries.length === 0 ? (
        <p className="muted" data-testid="audit-empty">
          No entries match these filters.
        </p>
      ) : null}
      {result && result.entries.length > 0 ? <AuditTable entries={result.entries} people={result.people} f={f} timeZone={timeZone} /> : null}
      {result?.nextBefore ? (
        <p>
          <Link href={`/admin/audit${auditQueryString(filters, { before: result.nextBefore })}`}>Older entries →</Link>
        </p>
      ) : null}
    </div>
  );
}
