import { Moment } from "@/components/locale/moment";
import { ActionForm } from "@/components/research/action-form";
import { setRoleAction } from "@/app/admin/actions";
import type { AdminUser } from "@/lib/admin/users";
import type { Formatter } from "@/lib/locale/format";
import { RevokeAccessForm } from "./revoke-access-form";

const STATUS_WORDS = { ACTIVE: "active", NEEDS_RECONSENT: "needs re-consent", REVOKED: "revoked", RETIRED: "retired by the provider" } as const;

/** The console's people: role, connections (provider, status, scopes, last refresh), studies, and the two admin actions. */
export function UsersTable({ users, viewerId, f, timeZone }: { users: AdminUser[]; viewerId: string; f: Formatter; timeZone: string | null }) {
  const when = (date: Date | null) => (date ? <Moment value={date} f={f} timeZone={timeZone} /> : "never");
  return (
    <div className="table-scroll" style={{ maxHeight: "none" }}>
      <table data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            <th scope="col">Connections</th>
            <th scope="col">Studies</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const who = user.name ?? user.email ?? user.id;
            const live = user.connections.some((c) => c.status !== "REVOKED") || user._count.sessions > 0;
            return (
              <tr key={user.id} data-testid={`user-${user.id}`}>
                <th scope="row">
                  {user.name ?? "—"}
                  <br />
                  <span className="muted">{user.email ?? ""}</span>
                  {user.reauthorizations.map((record) => (
                    <span key={record.username} data-testid="reauthorized">
                      <br />
                      re-authorized as <code>{record.username}</code>
                      {record.reauthorizedAt ? <span className="muted"> ({when(record.reauthorizedAt)})</span> : null}
                    </span>
                  ))}
                </th>
                <td>{user.role.toLowerCase()}</td>
                <td>
                  {user.connections.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
                      {user.connections.map((c) => (
                        <li key={c.provider}>
                          <strong>{c.provider}</strong> ({c.providerUserId}): {STATUS_WORDS[c.status]}
                          {c.statusReason ? <span className="muted"> — {c.statusReason}</span> : null}
                          <br />
                          <span className="muted">
                            scopes: {c.grantedScopes.join(", ") || "none"} · last refresh {when(c.lastRefreshedAt)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{user.enrolments.map((e) => e.study.name).join(", ") || <span className="muted">—</span>}</td>
                <td className="stack">
                  {user.role === "ADMIN" ? (
                    <span className="muted">admin (ADMIN_EMAILS)</span>
                  ) : (
                    <ActionForm action={setRoleAction} submitLabel={user.role === "RESEARCHER" ? `Remove researcher role from ${who}` : `Make ${who} a researcher`}>
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="role" value={user.role === "RESEARCHER" ? "PARTICIPANT" : "RESEARCHER"} />
                    </ActionForm>
                  )}
                  {user.id === viewerId ? null : <RevokeAccessForm userId={user.id} who={who} revoked={!live} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
