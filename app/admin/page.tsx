import type { Metadata } from "next";
import Link from "next/link";
import { PushStatus } from "@/components/admin/push-status";
import { UsersTable } from "@/components/admin/users-table";
import { moveCounts } from "@/lib/admin/move-counts";
import { listStudiesForAdmin } from "@/lib/admin/studies";
import { searchUsers, userSearchSchema } from "@/lib/admin/users";
import { requireRolePage } from "@/lib/authz/page";
import { fromDbDate } from "@/lib/dates";
import { requestFormatter } from "@/lib/locale/request";
import { viewerTimeZone } from "@/lib/locale/viewer-time-zone";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  const admin = await requireRolePage(["ADMIN"], "/admin");
  const q = userSearchSchema.parse((await searchParams).q);
  const [{ users, total, shown }, studies, moves, f, timeZone] = await Promise.all([searchUsers(q), listStudiesForAdmin(), moveCounts(), requestFormatter(), viewerTimeZone(admin.id)]);
  return (
    <div className="stack">
      <h1>Admin</h1>
      <nav className="actions" aria-label="Admin sections">
        <a href="#users-heading">Users</a>
        <a href="#studies-heading">Studies</a>
        <Link href="/admin/moves">Moving to Google</Link>
        <Link href="/admin/imports">Import OAuth 1.0 records</Link>
        <Link href="/admin/audit">Audit log</Link>
      </nav>
      <PushStatus />
      {moves.moved + moves.waiting > 0 ? (
        <section className="card stack" aria-labelledby="moves-heading" data-testid="move-counts">
          <h2 id="moves-heading">Moving to Google</h2>
          <p>
            {moves.moved} moved, {moves.waiting} waiting{moves.mismatched > 0 ? ` (${moves.mismatched} tried an account that belongs to someone else or has no Fitbit linked)` : ""}.{" "}
            <span className="muted">Waiting people see “Update your connection” on their next visit; their history is kept.</span>{" "}
            <Link href="/admin/moves">Legacy API switch, who is waiting, send the link again</Link>
          </p>
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <form method="get" className="actions" role="search">
          <label>
            Search <input name="q" defaultValue={q} placeholder="name, email or provider id" />
          </label>
          <button type="submit" className="button button-secondary button-small">Search</button>
          {q ? <Link href="/admin">Clear</Link> : null}
        </form>
        <p className="muted" data-testid="users-count">
          {total === 0 ? (q ? `Nobody matches “${q}”.` : "Nobody has signed in yet.") : shown < total ? `Showing the newest ${shown} of ${total}; search to narrow down.` : `${total} ${total === 1 ? "person" : "people"}.`}
        </p>
        {users.length > 0 ? <UsersTable users={users} viewerId={admin.id} f={f} timeZone={timeZone} /> : null}
      </section>
      <section className="card stack" aria-labelledby="studies-heading">
        <h2 id="studies-heading">Studies</h2>
        {studies.length === 0 ? (
          <p className="muted">No studies yet. Researchers create them on their research page.</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="studies-table">
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col">Metrics</th>
                  <th scope="col">Window</th>
                  <th scope="col">Research team</th>
                  <th scope="col">Enrolled</th>
                </tr>
              </thead>
              <tbody>
                {studies.map((study) => (
                  <tr key={study.id}>
                    <th scope="row">{study.name}</th>
                    <td>{study.metrics.join(", ")}</td>
                    <td>
                      <time dateTime={fromDbDate(study.startDate)}>{f.date(fromDbDate(study.startDate))}</time> –{" "}
                      {study.endDate ? <time dateTime={fromDbDate(study.endDate)}>{f.date(fromDbDate(study.endDate))}</time> : "open"}
                    </td>
                    <td>{study.members.map((m) => m.user.name ?? m.user.email).join(", ")}</td>
                    <td>{study._count.participants}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
