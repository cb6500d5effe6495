import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/config/env";

// One client per process, created on first use (not at import, so `next build` needs no
// database). Dev hot reload re-evaluates modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { nightlyPrisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.nightlyPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
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
