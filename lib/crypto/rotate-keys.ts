import "server-only";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { openToken, sealToken } from "./tokens";

export interface RotationReport {
  connections: number;
  reencrypted: number;
  alreadyCurrent: number;
  /** Connections whose tokens no configured key opens (ids only, never token material). */
  failed: { connectionId: string; reason: string }[];
}

const keyIdOf = (ciphertext: string) => ciphertext.split(".")[1];

/**
 * `npm run keys:rotate`: re-encrypts every stored token under the newest TOKEN_ENCRYPTION_KEY, so
 * older keys can be removed afterwards. Safe while Nightly runs: each row is written only if it is
 * unchanged since it was read (a refresh meanwhile already wrote it under the newest key).
 */
export async function rotateTokenKeys(): Promise<RotationReport> {
  const newest = env().TOKEN_ENCRYPTION_KEY[0]!.id;
  const report: RotationReport = { connections: 0, reencrypted: 0, alreadyCurrent: 0, failed: [] };
  const rows = await db.providerConnection.findMany({
    where: { OR: [{ accessTokenEnc: { not: null } }, { refreshTokenEnc: { not: null } }] },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  for (const { id } of rows) {
    report.connections += 1;
    try {
      report[(await rotateOne(id, newest)) ? "reencrypted" : "alreadyCurrent"] += 1;
    } catch (error) {
      report.failed.push({ connectionId: id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

/** True when the row was re-encrypted, false when it was already under the newest key. */
async function rotateOne(id: string, newest: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const row = await db.providerConnection.findUnique({
      where: { id },
      select: { accessTokenEnc: true, refreshTokenEnc: true, tokenVersion: true },
    });
    if (!row) return false;
    const stale = [row.accessTokenEnc, row.refreshTokenEnc].some((value) => value !== null && keyIdOf(value) !== newest);
    if (!stale) return false;
    const reseal = (value: string | null, kind: "access" | "refresh") => (value === null ? null : sealToken(openToken(value, id, kind), id, kind));
    const { count } = await db.providerConnection.updateMany({
      where: { id, tokenVersion: row.tokenVersion, accessTokenEnc: row.accessTokenEnc, refreshTokenEnc: row.refreshTokenEnc },
      data: { accessTokenEnc: reseal(row.accessTokenEnc, "access"), refreshTokenEnc: reseal(row.refreshTokenEnc, "refresh") },
    });
    if (count === 1) return true;
  }
  throw new Error("the row kept changing while it was being re-encrypted; run keys:rotate again");
}
