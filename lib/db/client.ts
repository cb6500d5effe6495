import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";

// One client per process, created on first use (not at import, so `next build` needs no
// database). Dev hot reload re-evaluates modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { nightlyPrisma?: PrismaClient };

function client(): PrismaClient {
  // A broken pooled connection (database restart, pg_terminate_backend) is logged and dropped;
  // the pool opens a new one on next use. A bounded connect time lets an outage surface as a
  // 503 (lib/db/availability.ts) instead of a hung request.
  const logLost = (error: Error) =>
    log.warn("database connection lost", { code: (error as { code?: string }).code ?? error.message });
  globalForPrisma.nightlyPrisma ??= new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: env().DATABASE_URL, max: 10, connectionTimeoutMillis: 5000 },
      { onPoolError: logLost, onConnectionError: logLost },
    ),
  });
  return globalForPrisma.nightlyPrisma;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});
