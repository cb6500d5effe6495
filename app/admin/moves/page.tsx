import type { Metadata } from "next";
import Link from "next/link";
import { Moment } from "@/components/locale/moment";
import { ActionForm } from "@/components/research/action-form";
import { moveCounts } from "@/lib/admin/move-counts";
import { recentOutbox, waitingToMove } from "@/lib/admin/move-waiting";
import { requireRolePage } from "@/lib/authz/page";
import { db } from "@/lib/db/client";
import { legacyRetiredSetting } from "@/lib/deployment/legacy-retired";
import { requestFormatter } from "@/lib/locale/request";
import { viewerTimeZone } from "@/lib/locale/viewer-time-zone";
import { notifyMoveAction, setLegacyRetiredAction } from "../actions";

export const metadata: Metadata = { title: "Moving to Google" };
export const dynamic = "force-dynamic";

/** Issue 9 §1 for admins: the "legacy API retired" switch, who is waiting, and asking them again. */
export default async function AdminMovesPage() {
  const admin = await requireRolePage(["ADMIN"], "/admin/moves");
  const [setting, counts, waiting, outbox, f, timeZone] = await Promise.all([legacyRetiredSetting(), moveCounts(), waitingToMove(), recentOutbox(), requestFormatter(), viewerTimeZone(admin.id)]);
  const when = (date: Date) => <Moment value={date} f={f} timeZone={timeZone} />;
  const changedBy = setting.changedById ? await db.user.findUnique({ where: { id: setting.changedById }, select: { name: true, email: true } }) : null;
  return (
    <div className="stack">
      <p>
        <Link href="/admin">← Admin</Link>
      </p>
      <h1>Moving to Google</h1>
      <p data-testid="move-counts">
        {counts.moved} moved, {counts.waiting} waiting
        {counts.mismatched > 0 ? ` (${counts.mismatched} tried an account that belongs to someone else or has no Fitbit linked)` : ""}.
      </p>

      <section className="card stack" aria-labelledby="switch-heading" data-testid="legacy-switch">
        <h2 id="switch-heading">Legacy Fitbit API</h2>
        <p>
          {setting.retired ? (
            <strong>Marked retired for this deployment.</strong>
          ) : (
            <strong>In use</strong>
          )}{" "}
          {setting.changedAt ? (
            <span className="muted">
              Changed {when(setting.changedAt)}
              {changedBy ? ` by ${changedBy.name ?? changedBy.email}` : ""}.
            </span>
          ) : null}
        </p>
        <p className="muted">
          {setting.retired
            ? "No sync calls the legacy API; every Fitbit connection counts as retired by the provider (history kept) and its person is asked to update their connection. Turning this off lets the connections this switch retired sync again; connections Fitbit itself answered 410 for stay retired."
            : "Turn this on when Fitbit has switched the legacy Web API off for you, or to stop using it before then: every Fitbit connection is then treated exactly as if Fitbit had answered 410 Gone. Nothing is deleted."}
        </p>
        <ActionForm action={setLegacyRetiredAction} submitLabel={setting.retired ? "Use the legacy Fitbit API again" : "Mark the legacy Fitbit API retired"} pendingLabel="Saving…" danger={!setting.retired}>
          <input type="hidden" name="retired" value={setting.retired ? "off" : "on"} />
          <label>
            <input type="checkbox" name="confirm" value="yes" required /> {setting.retired ? "Yes, sync Fitbit connections through the legacy API again" : "Yes, treat every Fitbit connection as retired"}
          </label>
        </ActionForm>
      </section>

      <section className="card stack" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting to update</h2>
        <p className="muted">
          Nightly has no mail server: “Send the update link again” puts a message in the outbox below for your mailer and shows the person “We asked you again
          on …” on their dashboard.
        </p>
        {waiting.total === 0 ? (
          <p className="muted">Nobody is waiting.</p>
        ) : (
          <>
            <ActionForm action={notifyMoveAction} submitLabel={`Send the update link again to everyone waiting (${waiting.total})`} pendingLabel="Queueing…">
              <input type="hidden" name="scope" value="everyone" />
            </ActionForm>
            {waiting.shown < waiting.total ? <p className="muted">Showing {waiting.shown} of {waiting.total}, those asked longest ago first.</p> : null}
            <div className="table-scroll">
              <table data-testid="waiting-table">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Fitbit id</th>
                    <th scope="col">Last asked</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {waiting.people.map((person) => {
                    const who = person.user.name ?? person.user.email ?? person.providerUserId;
                    return (
                      <tr key={person.userId} data-testid={`waiting-${person.providerUserId}`}>
                        <th scope="row">{who}</th>
                        <td>{person.providerUserId}</td>
                        <td>{person.moveNotifiedAt ? when(person.moveNotifiedAt) : <span className="muted">not asked again yet</span>}</td>
                        <td>
                          <ActionForm action={notifyMoveAction} submitLabel={`Send the update link again to ${who}`} pendingLabel="Queueing…">
                            <input type="hidden" name="scope" value="one" />
                            <input type="hidden" name="userId" value={person.userId} />
                          </ActionForm>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">Outbox</h2>
        <p className="muted">Messages a deployment’s mailer would send (table OutboxMessage). Newest first.</p>
        {outbox.length === 0 ? (
          <p className="muted">No messages yet.</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="outbox-table">
              <thead>
                <tr>
                  <th scope="col">Queued</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Sent by a mailer</th>
                </tr>
              </thead>
              <tbody>
                {outbox.map((message) => (
                  <tr key={message.id}>
                    <td>{when(message.createdAt)}</td>
                    <td>
                      {message.user.name ?? "—"} <span className="muted">{message.toAddress ?? "(no address on file)"}</span>
                    </td>
                    <td>{message.subject}</td>
                    <td>{message.sentAt ? when(message.sentAt) : <span className="muted">not yet</span>}</td>
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
