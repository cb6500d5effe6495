import "server-only";
import { db } from "@/lib/db/client";

const SHOWN = 200;

/** Imported OAuth 1.0 records for the console: who re-authorized (as whom) and who has not yet. */
export async function listImportedAuthorizations() {
  const [records, total, reauthorized] = await Promise.all([
    db.importedAuthorization.findMany({
      orderBy: [{ reauthorizedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { username: "asc" }],
      take: SHOWN,
      select: {
        id: true,
        recordId: true,
        username: true,
        provider: true,
        createdAt: true,
        startedAt: true,
        reauthorizedAt: true,
        study: { select: { name: true } },
        user: { select: { id: true, name: true } },
      },
    }),
    db.importedAuthorization.count(),
    db.importedAuthorization.count({ where: { reauthorizedAt: { not: null } } }),
  ]);
  return { records, total, reauthorized, shown: records.length };
}
