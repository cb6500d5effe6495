import { Moment } from "@/components/locale/moment";
import type { AuditLog } from "@/lib/generated/prisma/client";
import type { Formatter } from "@/lib/locale/format";

/**
 * Audit entries, newest first; people shown by email or name where Nightly still knows them. Times
 * to the second with their zone said, the exact instant in `<time dateTime>` (ISO, UTC).
 */
export function AuditTable({ entries, people, f, timeZone }: { entries: AuditLog[]; people: Map<string, string>; f: Formatter; timeZone: string | null }) {
  const who = (id: string | null, fallback?: string | null) => (id ? (people.get(id) ?? id) : (fallback ?? "—"));
  return (
    <div className="table-scroll" style={{ maxHeight: "none" }}>
      <table data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col">Outcome</th>
            <th scope="col">Actor</th>
            <th scope="col">Subject</th>
            <th scope="col">Target / study</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={String(entry.id)}>
              <td>
                <Moment value={entry.at} f={f} timeZone={timeZone} seconds />
              </td>
              <td>{entry.action}</td>
              <td>{entry.outcome}</td>
              <td>{who(entry.actorId, entry.actorEmail ?? "anonymous")}</td>
              <td>{who(entry.subjectUserId)}</td>
              <td>{entry.target ?? entry.studyId ?? ""}</td>
              <td>
                <code style={{ fontSize: "0.8rem", wordBreak: "break-all" }}>{entry.details === null ? "" : JSON.stringify(entry.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
