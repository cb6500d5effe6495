import type { Metadata } from "next";
import { ActionForm } from "@/components/research/action-form";
import { requireRolePage } from "@/lib/authz/page";
import { db } from "@/lib/db/client";
import { setRoleAction } from "./actions";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  await requireRolePage(["ADMIN"], "/admin");
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw.trim().slice(0, 100) : "";
  const [users, audit] = await Promise.all([
    db.user.findMany({
      where: q
        ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }, { connections: { some: { providerUserId: q } } }] }
        : {},
      include: { connections: { select: { provider: true, status: true, grantedScopes: true, lastRefreshedAt: true } } },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db.auditLog.findMany({ orderBy: { id: "desc" }, take: 30 }),
  ]);
  return (
    <div className="stack">
      <h1>Admin</h1>
      <section className="card stack" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <form method="get" className="actions">
          <label>
            Search <input name="q" defaultValue={q} placeholder="name, email or provider id" />
          </label>
          <button type="submit" className="button button-secondary button-small">Search</button>
        </form>
        <div className="table-scroll">
          <table data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Connections</th>
                <th scope="col">Change role</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.name ?? "—"}<br /><span className="muted">{user.email ?? ""}</span></th>
                  <td>{user.role.toLowerCase()}</td>
                  <td>{user.connections.map((c) => `${c.provider}: ${c.status.toLowerCase()} (${c.grantedScopes.join(" ")})${c.lastRefreshedAt ? `, refreshed ${c.lastRefreshedAt.toISOString().slice(0, 16)}` : ""}`).join("; ") || "—"}</td>
                  <td>
                    {user.role === "ADMIN" ? (
                      <span className="muted">admin (ADMIN_EMAILS)</span>
                    ) : (
                      <ActionForm action={setRoleAction} submitLabel={user.role === "RESEARCHER" ? `Remove researcher role from ${user.name ?? user.email}` : `Make ${user.name ?? user.email} a researcher`}>
                        <input type="hidden" name="userId" value={user.id} />
                        <input type="hidden" name="role" value={user.role === "RESEARCHER" ? "PARTICIPANT" : "RESEARCHER"} />
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card stack" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log (latest 30)</h2>
        <div className="table-scroll">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((entry) => (
                <tr key={String(entry.id)}>
                  <td>{entry.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td>{entry.action}</td>
                  <td>{entry.outcome}</td>
                  <td>{entry.actorEmail ?? entry.actorId ?? "anonymous"}</td>
                  <td>{entry.target ?? entry.studyId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
