import type { Metadata } from "next";
import Link from "next/link";
import { ShimmerUpload } from "@/components/admin/shimmer-upload";
import { Moment } from "@/components/locale/moment";
import { listImportedAuthorizations } from "@/lib/admin/imported-authorizations";
import { listStudiesForAdmin } from "@/lib/admin/studies";
import { requireRolePage } from "@/lib/authz/page";
import { requestFormatter } from "@/lib/locale/request";
import { viewerTimeZone } from "@/lib/locale/viewer-time-zone";

export const metadata: Metadata = { title: "Import OAuth 1.0 records" };
export const dynamic = "force-dynamic";

/** Issue 9 §2 for admins: upload Shimmer-style OAuth 1.0 records; follow who has re-authorized. */
export default async function AdminImportsPage() {
  const admin = await requireRolePage(["ADMIN"], "/admin/imports");
  const [studies, imported, f, timeZone] = await Promise.all([listStudiesForAdmin(), listImportedAuthorizations(), requestFormatter(), viewerTimeZone(admin.id)]);
  const when = (date: Date) => <Moment value={date} f={f} timeZone={timeZone} />;
  return (
    <div className="stack">
      <p>
        <Link href="/admin">← Admin</Link>
      </p>
      <h1>Import OAuth 1.0 authorization records</h1>
      <section className="card stack" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload</h2>
        <p className="muted">
          Records from an older Fitbit integration (Open mHealth Shimmer style: <code>id</code>, <code>stateKey</code>, <code>username</code>,{" "}
          <code>authorizationUrl</code>, …). Each becomes a link that person opens to connect again, through Google when the legacy Fitbit API is marked retired
          (<Link href="/admin/moves">switch</Link>), through Fitbit otherwise. A file with any problem imports nothing; a file imported before changes nothing. The
          old OAuth 1.0 tokens are not kept. The same from a shell: <code>npm run import:shimmer -- file.json</code>.
        </p>
        <ShimmerUpload studies={studies.map((study) => ({ id: study.id, name: study.name }))} />
      </section>
      <section className="card stack" aria-labelledby="imported-heading">
        <h2 id="imported-heading">Imported</h2>
        {imported.total === 0 ? (
          <p className="muted">Nothing imported yet.</p>
        ) : (
          <>
            <p data-testid="imported-counts">
              {imported.total} imported, {imported.reauthorized} re-authorized, {imported.total - imported.reauthorized} not yet.
              {imported.shown < imported.total ? ` Showing ${imported.shown}, the latest re-authorized first.` : ""}
            </p>
            <div className="table-scroll">
              <table data-testid="imported-table">
                <thead>
                  <tr>
                    <th scope="col">Username</th>
                    <th scope="col">Record id</th>
                    <th scope="col">Study</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {imported.records.map((record) => (
                    <tr key={record.id} data-testid={`imported-${record.username}`}>
                      <th scope="row">{record.username}</th>
                      <td>
                        <code>{record.recordId}</code>
                      </td>
                      <td>{record.study?.name ?? <span className="muted">—</span>}</td>
                      <td>
                        {record.reauthorizedAt ? (
                          <>
                            <strong>re-authorized</strong> {when(record.reauthorizedAt)}
                            {record.user ? <> as {record.user.name ?? "a participant"}</> : null}
                          </>
                        ) : record.startedAt ? (
                          <span>opened the link {when(record.startedAt)}, not finished</span>
                        ) : (
                          <span className="muted">waiting (imported {when(record.createdAt)})</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
