import "server-only";
import { db } from "@/lib/db/client";
import { providersByPrecedence } from "@/lib/providers/registry";
import type { HealthProvider } from "@/lib/providers/types";

/**
 * Whether push works for a provider in this deployment: enabled here, and a verified
 * notification arrived within PUSH_HEALTHY_HOURS (every person sleeps once a day, so a deployment
 * with anyone connected hears from Google at least that often). While push is healthy the
 * scheduled poll visits each connection only every SLOW_POLL_HOURS (queue.ts), as a safety net
 * for what a lost notification would miss; otherwise it polls every 15 minutes as before.
 */
export const PUSH_HEALTHY_HOURS = 24;
export const SLOW_POLL_HOURS = 6;

export interface PushHealth {
  enabled: boolean;
  healthy: boolean;
  lastNotificationAt: Date | null;
}

export async function pushHealth(provider: HealthProvider, now = Date.now()): Promise<PushHealth | null> {
  if (!provider.push) return null;
  const enabled = provider.push.enabled();
  const last = await db.pushNotification.findFirst({
    where: { provider: provider.id },
    orderBy: { receivedAt: "desc" },
    select: { receivedAt: true },
  });
  const lastNotificationAt = last?.receivedAt ?? null;
  return {
    enabled,
    healthy: enabled && lastNotificationAt !== null && now - lastNotificationAt.getTime() < PUSH_HEALTHY_HOURS * 3_600_000,
    lastNotificationAt,
  };
}

/**
 * pushHealth for people's pages: the same answer for everyone in the deployment, so each process
 * asks the database at most once a minute per provider instead of once per uncached dashboard
 * (decision 0020; the sync panel is itself kept per minute). Decisions that act on push health
 * (the scheduled poll, the admin console) call pushHealth itself.
 */
export function pushHealthThisMinute(provider: HealthProvider, now = Date.now()): Promise<PushHealth | null> {
  const minute = Math.floor(now / 60_000);
  const known = healthByMinute.get(provider.id);
  if (known && known.minute === minute) return known.health;
  const health = pushHealth(provider, now);
  healthByMinute.set(provider.id, { minute, health });
  // A failure is not remembered: the next page asks again.
  health.catch(() => {
    if (healthByMinute.get(provider.id)?.health === health) healthByMinute.delete(provider.id);
  });
  return health;
}

const healthByMinute = new Map<string, { minute: number; health: Promise<PushHealth | null> }>();

export interface DeploymentPush extends PushHealth {
  providerName: string;
  /** Notifications in the last 24 hours, and how many of those were for nobody Nightly knows. */
  lastDay: number;
  unknownLastDay: number;
}

/** The admin console's push line: every provider that can push, as this deployment sees it. */
export async function deploymentPushStatus(now = Date.now()): Promise<DeploymentPush[]> {
  const since = new Date(now - 24 * 3_600_000);
  const rows: DeploymentPush[] = [];
  for (const provider of providersByPrecedence()) {
    const health = await pushHealth(provider, now);
    if (!health) continue;
    const [lastDay, unknownLastDay] = await Promise.all([
      db.pushNotification.count({ where: { provider: provider.id, receivedAt: { gte: since } } }),
      db.pushNotification.count({ where: { provider: provider.id, receivedAt: { gte: since }, outcome: "unknown_user" } }),
    ]);
    rows.push({ ...health, providerName: provider.copy.name, lastDay, unknownLastDay });
  }
  return rows;
}
