import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Prisma's own binary host is unreachable from our machines, so the CLI uses the bundled
// WebAssembly schema engine through a driver adapter (see ../shared/notes/toolchain.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set (run through `npm run db:migrate`).");
    // A short idle timeout lets the CLI exit as soon as it is done (the pool would hold it ~10 s).
    return new PrismaPg({ connectionString, idleTimeoutMillis: 50 });
  },
});
