/** P2003 from Prisma, or SQLSTATE 23503 from a raw query or the driver adapter: a row's foreign
 * key names a row that is not there (typically deleted by another transaction meanwhile). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === "P2003" || code === "23503") return true;
  return typeof message === "string" && /violates foreign key constraint|Foreign key constraint violated/i.test(message);
}
