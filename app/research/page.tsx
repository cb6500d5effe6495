import type { Metadata } from "next";
import Link from "next/link";
import { Moment } from "@/components/locale/moment";
import { ActionForm } from "@/components/research/action-form";
import { METRICS, METRIC_LABELS } from "@/lib/api-schemas/dashboard";
import { requireRolePage } from "@/lib/authz/page";
import { fromDbDate, localToday } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { requestFormatter } from "@/lib/locale/request";
import { viewerTimeZone } from "@/lib/locale/viewer-time-zone";
import { myStudiesAsResearcher } from "@/lib/research/studies";
import { createApiTokenAction, createStudyAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "Research" };
export const dynamic = "force-dynamic";

export default async function ResearchPage() {
  const user = await requireRolePage(["RESEARCHER", "ADMIN"], "/research");
  const [studies, tokens, f, timeZone] = await Promise.all([
    myStudiesAsResearcher(user.id),
    db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } }),
    requestFormatter(),
    viewerTimeZone(user.id),
  ]);
  return (
    <div className="stack">
      <h1>Your studies</h1>
      {studies.length === 0 ? <p className="muted">You are not on any study yet. Create one below, or ask a colleague to add you to theirs.</p> : null}
      <ul className="stack" data-testid="study-list">
        {studies.map((study) => (
          <li key={study.id} className="card">
            <Link href={`/research/studies/${study.id}`}>{study.name}</Link>{" "}
            <span className="muted">
              · {study._count.participants} enrolled · {study.metrics.join(", ")} · from <time dateTime={fromDbDate(study.startDate)}>{f.date(fromDbDate(study.startDate))}</time>
              {study.endDate ? (
                <>
                  {" "}
                  to <time dateTime={fromDbDate(study.endDate)}>{f.date(fromDbDate(study.endDate))}</time>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>

      <section className="card stack" aria-labelledby="new-study">
        <h2 id="new-study">Create a study</h2>
        <ActionForm action={createStudyAction} submitLabel="Create study" pendingLabel="Creating…">
          <label>
            Study name <input name="name" required maxLength={120} />
          </label>
          <label>
            Description <textarea name="description" maxLength={2000} rows={3} />
          </label>
          <fieldset>
            <legend>Metrics it collects</legend>
            {METRICS.map((metric) => (
              <label key={metric} style={{ marginRight: "1rem" }}>
                <input type="checkbox" name="metrics" value={metric} defaultChecked={metric === "sleep"} /> {METRIC_LABELS[metric]}
              </label>
            ))}
          </fieldset>
          <label>
            Starts <input type="date" name="startDate" required defaultValue={localToday("UTC")} />
          </label>{" "}
          <label>
            Ends (optional) <input type="date" name="endDate" />
          </label>
          <label>
            <input type="checkbox" name="showNames" /> Researchers see participants&apos; names (otherwise only study ids)
          </label>
        </ActionForm>
      </section>

      <section className="card stack" aria-labelledby="api-tokens">
        <h2 id="api-tokens">Personal API tokens</h2>
        <p className="muted">
          For scripts in R or Python: <code>GET /api/v1/studies/&#123;studyId&#125;/export?format=csv&amp;from=…&amp;to=…</code> with{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>. A token reaches only the studies you are on.
        </p>
        <ul>
          {tokens.map((token) => (
            <li key={token.id} className="actions">
              <span>
                <strong>{token.name}</strong> <code>{token.prefix}…</code>{" "}
                <span className="muted">{token.revokedAt ? (
                    "revoked"
                  ) : token.lastUsedAt ? (
                    <>
                      last used <Moment value={token.lastUsedAt} f={f} timeZone={timeZone} />
                    </>
                  ) : (
                    "never used"
                  )}</span>
              </span>
              {token.revokedAt ? null : (
                <ActionForm action={revokeApiTokenAction} submitLabel={`Revoke ${token.name}`} danger>
                  <input type="hidden" name="tokenId" value={token.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
        <ActionForm action={createApiTokenAction} submitLabel="Create token" secretLabel="Your new token — copy it now; Nightly keeps only a hash and cannot show it again.">
          <label>
            Token name <input name="name" required maxLength={80} placeholder="e.g. R analysis laptop" />
          </label>
        </ActionForm>
      </section>
    </div>
  );
}
