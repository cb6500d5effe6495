import "server-only";
import { hashSecret, newSecret } from "@/lib/api-tokens/secret";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { legacyRetiredSetting } from "@/lib/deployment/legacy-retired";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { prepareRequest, reauthorizationProvider, sealRequest } from "./authorization-request";
import { parseShimmerFile, type LineProblem, type ParsedFile } from "./parse-file";

export interface ImportReport {
  format: ParsedFile["format"];
  /** Null when nothing was written (problems, or every record was imported before). */
  importId: string | null;
  /** New pending re-authorizations, each with its link (shown once: only its hash is kept). */
  imported: { line: number; username: string; link: string }[];
  /** The same record imported before: left as it was. */
  unchanged: { line: number; username: string }[];
  /** Any problem means nothing at all was imported. */
  problems: LineProblem[];
  provider: string | null;
}

/** Where a link leads: `$NEXTAUTH_URL/reauthorize/<secret>`. */
export function reauthorizationLink(secret: string): string {
  return new URL(`/reauthorize/${secret}`, env().NEXTAUTH_URL).toString();
}

/**
 * Imports a file of Shimmer OAuth 1.0 authorization records (issue 9 §2) all or nothing: any
 * problem (bad JSON, a missing field, a non-Fitbit URL, a username twice in the file or already
 * imported from another record) imports nothing and lists every problem with its line. A record
 * imported before (same username, id and stateKey) is left unchanged, so importing the same file
 * again changes nothing. Each new record becomes a pending re-authorization with a fresh OAuth 2.0
 * request and a link; the OAuth 1.0 token and secret are never stored.
 */
export async function importShimmerFile(text: string, options: { studyId?: string | null; importedById?: string | null } = {}): Promise<ImportReport> {
  const parsed = parseShimmerFile(text);
  const studyId = options.studyId ?? null;
  if (studyId && !(await db.study.findUnique({ where: { id: studyId }, select: { id: true } }))) throw new AppError(400, "bad_request", "No such study.");

  const existing = new Map(
    (
      await db.importedAuthorization.findMany({
        where: { username: { in: parsed.records.map((entry) => entry.record.username) } },
        select: { username: true, recordId: true, stateKey: true, createdAt: true },
      })
    ).map((row) => [row.username, row]),
  );
  const problems = [...parsed.problems];
  const unchanged: ImportReport["unchanged"] = [];
  const fresh = parsed.records.filter(({ line, record }) => {
    const before = existing.get(record.username);
    if (!before) return true;
    if (before.recordId === record.id && before.stateKey === record.stateKey) unchanged.push({ line, username: record.username });
    else problems.push({ line, message: `username “${record.username}” was already imported from another record (id ${before.recordId}) on ${before.createdAt.toISOString().slice(0, 10)}` });
    return false;
  });
  problems.sort((a, b) => a.line - b.line);

  const report = { format: parsed.format, unchanged, problems };
  if (problems.length > 0 || fresh.length === 0) {
    await audit(options.importedById ?? null, problems.length > 0 ? "refused" : "ok", { format: parsed.format, imported: 0, unchanged: unchanged.length, problems: problems.length });
    return { ...report, importId: null, imported: [], provider: null };
  }

  const provider = reauthorizationProvider((await legacyRetiredSetting()).retired);
  const importId = newSecret().slice(0, 16);
  const imported: ImportReport["imported"] = [];
  const rows = fresh.map(({ line, record }) => {
    const secret = newSecret();
    const request = prepareRequest(provider);
    imported.push({ line, username: record.username, link: reauthorizationLink(secret) });
    return {
      recordId: record.id,
      stateKey: record.stateKey,
      username: record.username,
      clientRedirectUrl: record.clientRedirectUrl,
      linkTokenHash: hashSecret(secret),
      provider: request.provider,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      requestEnc: sealRequest(request, record.username),
      studyId,
      importId,
      importedById: options.importedById ?? null,
    };
  });
  try {
    await db.$transaction(async (tx) => {
      await tx.importedAuthorization.createMany({ data: rows });
      await tx.auditLog.create({
        data: {
          action: "import.shimmer",
          outcome: "ok",
          actorId: options.importedById ?? null,
          studyId,
          target: importId,
          details: { format: parsed.format, imported: rows.length, unchanged: unchanged.length, problems: 0, provider: provider.id },
        },
      });
    });
  } catch (error) {
    // Another import took one of these usernames between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError(409, "conflict", "Another import added some of these usernames at the same moment. Import the file again to see which.");
    throw error;
  }
  log.info("shimmer records imported", { importId, imported: rows.length, unchanged: unchanged.length });
  return { ...report, importId, imported, provider: provider.id };
}

async function audit(actorId: string | null, outcome: "ok" | "refused", details: Record<string, string | number>) {
  await db.auditLog.create({ data: { action: "import.shimmer", outcome, actorId, details } });
}
