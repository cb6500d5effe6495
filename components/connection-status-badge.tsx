const LABELS = {
  ACTIVE: { text: "Connected", tone: "ok" },
  NEEDS_RECONSENT: { text: "Needs you to sign in again", tone: "warn" },
  REVOKED: { text: "Disconnected", tone: "bad" },
  RETIRED: { text: "Switched off by Fitbit", tone: "bad" },
} as const;

export function ConnectionStatusBadge({ status }: { status: keyof typeof LABELS }) {
  const label = LABELS[status];
  return <span className={`badge badge-${label.tone}`}>{label.text}</span>;
}
