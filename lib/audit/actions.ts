/** Shared by server and client (filters, forms): no server-only import here. */
/** Everything the audit log records. Names are stable: filters and exports use them. */
export const AUDIT_ACTIONS = [
  "authz.refused",
  "signin",
  "signin.refused",
  "role.change",
  "study.create",
  "study.update",
  "study.member.add",
  "study.link.create",
  "study.link.revoke",
  "study.enrol",
  "study.leave",
  "participant.view",
  "export",
  "api_token.create",
  "api_token.revoke",
  "api_token.use",
  "access.revoke",
  "connection.move",
  "token.refresh_failed",
  "audit.export",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
