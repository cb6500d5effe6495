import type { Metadata } from "next";
import Link from "next/link";
import { Moment } from "@/components/locale/moment";
import { ActionForm } from "@/components/research/action-form";
import { StudyExportForm } from "@/components/research/study-export-form";
import { METRIC_LABELS } from "@/lib/api-schemas/dashboard";
import { requireStudyPage } from "@/lib/authz/page";
import { addDays, localToday } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { requestFormatter } from "@/lib/locale/request";
import { viewerTimeZone } from "@/lib/locale/viewer-time-zone";
import { COHORT_PAGE_SIZE, getCohortTable } from "@/lib/research/cohort-table";
import { cohortQuerySchema, type CohortQuery } from "@/lib/research/schemas";
import { addMemberAction, createLinkAction, revokeLinkAction } from "../../actions";

export const metadata: Metadata = { title: "Study" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ studyId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const pct = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const PROVIDERS: Record<string, string> = { fitbit: "Fitbit", "google-health": "Google Health" };
const STATUS: Record<string, { text: string; tone: "ok" | "warn" | "bad" }> = {
  ACTIVE: { text: "active", tone: "ok" },
  NEEDS_RECONSENT: { text: "needs re-consent", tone: "warn" },
  REVOKED: { text: "revoked", tone: "bad" },
  RETIRED: { text: "retired by the provider", tone: "bad" },
};
/** Moved is done, waiting needs the participant, refused needs them to use the right account. */
const MOVE_TONE: Record<string, "ok" | "warn" | "bad" | undefined> = { moved: "ok", waiting: "warn", refused: "bad" };

export default async function StudyPage({ params, searchParams }: Props) {
  const { studyId } = await params;
  const { user, study } = await requireStudyPage(studyId, `/research/studies/${studyId}`);
  const parsed = cohortQuerySchema.safeParse(await searchParams);
  const query: CohortQuery = parsed.success ? parsed.data : cohortQuerySchema.parse({});
  const [table, details] = await Promise.all([
    getCohortTable(study, query),
    db.study.findUniqueOrThrow({
      where: { id: study.id },
      include: { members: { include: { user: { select: { name: true, email: true } } } }, links: { where: { revokedAt: null }, orderBy: { createdAt: "desc" } } },
    }),
  ]);
  const base = `/research/studies/${study.id}`;
  const [f, timeZone] = await Promise.all([requestFormatter(), viewerTimeZone(user.id)]);
  const when = (value: Date | null) => (value ? <Moment value={value} f={f} timeZone={timeZone} /> : null);
  const href = (change: Partial<CohortQuery>) => {
    const next = { ...query, ...change };
    const search = new URLSearchParams(Object.entries(next).flatMap(([key, value]) => (value === undefined || value === "" ? [] : [[key, String(value)]])));
    return `${base}?${search}`;
  };
  const sortLink = (key: CohortQuery["sort"], label: string) => (
    <Link href={href({ sort: key, dir: query.sort === key && query.dir === "asc" ? "desc" : "asc", page: 1 })} aria-label={`Sort by ${label}`}>
      {label}
      {query.sort === key ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
    </Link>
  );
  const lastPage = Math.max(1, Math.ceil(table.total / COHORT_PAGE_SIZE));
  const exportTo = study.window.to && study.window.to < localToday("UTC") ? study.window.to : localToday("UTC");
  const exportFrom = study.window.from > addDays(exportTo, -89) ? study.window.from : addDays(exportTo, -89);
  return (
    <div className="stack">
      <p>
        <Link href="/research">← Your studies</Link>
      </p>
      <h1>{study.name}</h1>
      <p className="muted">
        Collects {study.metrics.map((metric) => METRIC_LABELS[metric]).join(", ")} · window {f.date(study.window.from)} – {study.window.to ? f.date(study.window.to) : "open"} · researchers see {study.showNames ? "names" : "study ids only"}
      </p>
      <p className="actions">
        <Link className="button button-secondary button-small" href={`${base}/charts`}>
          Cohort charts
        </Link>
      </p>
      {!parsed.success ? <p role="status" className="notice notice-warn">Some table options were not understood and were reset.</p> : null}

      <section className="card stack" aria-labelledby="cohort-heading">
        <h2 id="cohort-heading">Cohort ({table.total})</h2>
        <form method="get" action={base} className="actions">
          <label>
            Find <input name="q" defaultValue={query.q ?? ""} placeholder={study.showNames ? "study id or name" : "study id"} />
          </label>
          <label>
            Show{" "}
            <select name="status" defaultValue={query.status ?? ""}>
              <option value="">everyone</option>
              <option value="ACTIVE">active</option>
              <option value="NEEDS_RECONSENT">needs re-consent</option>
              <option value="REVOKED">revoked</option>
              <option value="RETIRED">retired by the provider</option>
              <option value="stale">not synced for 3+ days</option>
            </select>
          </label>
          <input type="hidden" name="sort" value={query.sort} />
          <input type="hidden" name="dir" value={query.dir} />
          <button type="submit" className="button button-secondary button-small">Apply</button>
        </form>
        {table.total === 0 ? (
          <p className="muted" data-testid="cohort-empty">Nobody {query.q || query.status ? "matches" : "has enrolled yet"}. Create an enrolment link below and send it to participants.</p>
        ) : (
          <div className="table-wide">
            <table data-testid="cohort-table">
              <caption>Enrolled participants, page {table.page} of {lastPage}</caption>
              <thead>
                <tr>
                  <th scope="col">{sortLink("studyCode", "Study id")}</th>
                  <th scope="col">Provider · connection</th>
                  <th scope="col">Connection move</th>
                  <th scope="col">Device sync · battery</th>
                  <th scope="col">{sortLink("lastDataSync", "Last data sync")}</th>
                  <th scope="col">{sortLink("sleepCoverage", "Coverage")} (sleep / HRV / breathing / food)</th>
                  <th scope="col">{sortLink("nights7", "Nights, last 7 days")}</th>
                </tr>
              </thead>
              <tbody>
                {table.items.map((row) => {
                  const status = row.status ? STATUS[row.status] : null;
                  return (
                    <tr key={row.participantId}>
                      <th scope="row">
                        <Link href={`${base}/participants/${row.participantId}`}>{row.name ? `${row.name} (${row.studyCode})` : row.studyCode}</Link>
                        {row.stale ? (
                          <>
                            {" "}
                            <span className="badge badge-warn cohort-flag" title="No data sync for 3 or more days">
                              not synced 3+ days
                            </span>
                          </>
                        ) : null}
                      </th>
                      <td>
                        {row.provider ? (PROVIDERS[row.provider] ?? row.provider) : "—"} {status ? <span className={`badge badge-${status.tone}`}>{status.text}</span> : <span className="muted">not connected</span>}
                      </td>
                      <td>{MOVE_TONE[row.move.state] ? <span className={`badge badge-${MOVE_TONE[row.move.state]}`}>{row.move.label}</span> : row.move.label}</td>
                      <td>
                        {when(row.lastDeviceSync) ?? "—"}
                        {row.battery ? <span className="muted"> · battery {row.battery.toLowerCase()}</span> : null}
                      </td>
                      <td>{when(row.lastDataSync) ?? "never"}</td>
                      <td className="num">{[row.coverage.sleep, row.coverage.hrv, row.coverage.breathing, row.coverage.nutrition].map(pct).join(" / ")}</td>
                      <td className="num">{row.nights7}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <nav className="actions" aria-label="Cohort pages">
          <span className="muted small">{table.total === 0 ? "" : `${(table.page - 1) * COHORT_PAGE_SIZE + 1}–${Math.min(table.page * COHORT_PAGE_SIZE, table.total)} of ${table.total}`}</span>
          {query.page > 1 ? <Link href={href({ page: query.page - 1 })}>← Previous</Link> : null}
          {query.page < lastPage ? <Link href={href({ page: query.page + 1 })}>Next →</Link> : null}
        </nav>
      </section>

      <section className="card stack" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <StudyExportForm studyId={study.id} metrics={study.metrics} defaultFrom={exportFrom} defaultTo={exportTo} />
        <p className="muted">
          Nights are dated by the day the participant woke up, in their own timezone; values use metric units. Every download is recorded in the audit log. Scripts can fetch the same files with a personal API token
          (<code>/api/v1/studies/{study.id}/export?format=csv&amp;from=…&amp;to=…</code>).
        </p>
      </section>

      <section className="card stack" aria-labelledby="links-heading">
        <h2 id="links-heading">Enrolment links</h2>
        <p className="muted">{details.links.length} active link(s). Each link is shown once when created; revoke a link to stop new enrolments through it.</p>
        <ul>
          {details.links.map((link) => (
            <li key={link.id} className="actions">
              <span>Created {f.date(link.createdAt.toISOString().slice(0, 10))}{link.expiresAt ? `, expires ${f.date(link.expiresAt.toISOString().slice(0, 10))}` : ""}</span>
              <ActionForm action={revokeLinkAction} submitLabel="Revoke link" danger>
                <input type="hidden" name="studyId" value={study.id} />
                <input type="hidden" name="linkId" value={link.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
        <ActionForm action={createLinkAction} submitLabel="Create enrolment link" secretLabel="Send this link to participants. Copy it now: it is not shown again.">
          <input type="hidden" name="studyId" value={study.id} />
          <label>
            Expires after (days, 0 = never) <input type="number" name="expiresInDays" min={0} max={365} defaultValue={30} />
          </label>
        </ActionForm>
      </section>

      <section className="card stack" aria-labelledby="team-heading">
        <h2 id="team-heading">Team</h2>
        <ul>
          {details.members.map((member) => (
            <li key={member.userId}>{member.user.name ?? member.user.email}</li>
          ))}
        </ul>
        <ActionForm action={addMemberAction} submitLabel="Add researcher">
          <input type="hidden" name="studyId" value={study.id} />
          <label>
            Researcher&apos;s email <input type="email" name="email" required />
          </label>
        </ActionForm>
      </section>
    </div>
  );
}
