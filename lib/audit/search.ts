import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditTimeRange, type AuditFilters } from "./filters";

/**
 * People matching an actor/subject filter: an exact user id, or a name or email containing the
 * text. Entries keep ids (no foreign keys, so they outlive people); this maps text to ids.
 */
async function peopleMatching(text: string): Promise<string[]> {
  const users = await db.user.findMany({
    where: { OR: [{ id: text }, { email: { contains: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }] },
    select: { id: true },
    take: 500,
  });
  return users.map((user) => user.id);
}

export async function auditWhere(filters: AuditFilters): Promise<Prisma.AuditLogWhereInput> {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filters.actor) {
    const ids = await peopleMatching(filters.actor);
    and.push({ OR: [{ actorId: { in: [filters.actor, ...ids] } }, { actorEmail: { contains: filters.actor, mode: "insensitive" } }] });
  }
  if (filters.subject) and.push({ subjectUserId: { in: [filters.subject, ...(await peopleMatching(filters.subject))] } });
  if (filters.kind) and.push({ action: filters.kind });
  if (filters.outcome) and.push({ outcome: filters.outcome });
  const at = auditTimeRange(filters);
  if (at.gte || at.lt) and.push({ at });
  if (filters.before) and.push({ id: { lt: BigInt(filters.before) } });
  return and.length > 0 ? { AND: and } : {};
}

export const AUDIT_PAGE_SIZE = 100;

/** One page of entries, newest first, with the names of the people they mention. */
export async function searchAudit(filters: AuditFilters) {
  const entries = await db.auditLog.findMany({ where: await auditWhere(filters), orderBy: { id: "desc" }, take: AUDIT_PAGE_SIZE + 1 });
  const page = entries.slice(0, AUDIT_PAGE_SIZE);
  const ids = [...new Set(page.flatMap((entry) => [entry.actorId, entry.subjectUserId]).filter((id): id is string => id !== null))];
  const people = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  return {
    entries: page,
    people: new Map(people.map((person) => [person.id, person.email ?? person.name ?? person.id])),
    nextBefore: entries.length > AUDIT_PAGE_SIZE ? String(page.at(-1)!.id) : null,
  };
}
