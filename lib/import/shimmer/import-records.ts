import "server-only";
import { randomUUID } from "node:crypto";
import { hashSecret, newSecret } from "@/lib/api-tokens/secret";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { legacyRetiredSetting } from "@/lib/deployment/legacy-retired";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { prepareRequest, reauthorizationProvider, sealRequest, type PreparedRequest } from "./authorization-request";
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
  const columns = { id: [] as string[], recordId: [] as string[], stateKey: [] as string[], username: [] as string[], clientRedirectUrl: [] as string[], linkTokenHash: [] as string[], requestEnc: [] as string[] };
  let prepared: PreparedRequest | null = null;
  for (const { line, record } of fresh) {
    const secret = newSecret();
    const request = prepareRequest(provider);
    prepared ??= request;
    imported.push({ line, username: record.username, link: reauthorizationLink(secret) });
    columns.id.push(randomUUID());
    columns.recordId.push(record.id);
    columns.stateKey.push(record.stateKey);
    columns.username.push(record.username);
    columns.clientRedirectUrl.push(record.clientRedirectUrl);
    columns.linkTokenHash.push(hashSecret(secret));
    columns.requestEnc.push(sealRequest(request, record.username));
  }
  const { redirectUri, scopes } = prepared!;
  const importedById = options.importedById ?? null;
  try {
    await db.$transaction(async (tx) => {
      // One INSERT of column arrays: Prisma's createMany takes seconds for a thousand rows here.
      await tx.$executeRaw`
        INSERT INTO "ImportedAuthorization"
          (id, "recordId", "stateKey", username, "clientRedirectUrl", "linkTokenHash", provider, "redirectUri", scopes, "requestEnc", "studyId", "importId", "importedById")
        SELECT r.id, r.record_id, r.state_key, r.username, r.client_redirect_url, r.link_token_hash,
               ${provider.id}, ${redirectUri}, ${scopes}::text[], r.request_enc, ${studyId}, ${importId}, ${importedById}
        FROM unnest(${columns.id}::text[], ${columns.recordId}::text[], ${columns.stateKey}::text[], ${columns.username}::text[],
                    ${columns.clientRedirectUrl}::text[], ${columns.linkTokenHash}::text[], ${columns.requestEnc}::text[])
          AS r(id, record_id, state_key, username, client_redirect_url, link_token_hash, request_enc)`;
      await tx.auditLog.create({
        data: {
          action: "import.shimmer",
          outcome: "ok",
          actorId: importedById,
          studyId,
          target: importId,
          details: { format: parsed.format, imported: fresh.length, unchanged: unchanged.length, problems: 0, provider: provider.id },
        },
      });
    });
  } catch (error) {
    // Another import took one of these usernames between the check and the insert.
    if (isUniqueViolation(error))
      throw new AppError(409, "conflict", "Another import added some of these usernames at the same moment. Import the file again to see which.");
    throw error;
  }
  log.info("shimmer records imported", { importId, imported: fresh.length, unchanged: unchanged.length });
  return { ...report, importId, imported, provider: provider.id };
}

async function audit(actorId: string | null, outcome: "ok" | "refused", details: Record<string, string | number>) {
  await db.auditLog.create({ data: { action: "import.shimmer", outcome, actorId, details } });
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  // P2002 from the query builder; a raw query reports PostgreSQL's own 23505.
  return error.code === "P2002" || (error.code === "P2010" && JSON.stringify(error.meta ?? {}).includes("23505"));
}
