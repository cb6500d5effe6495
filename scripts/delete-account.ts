/**
 * `npm run account:delete -- <userId>`: what "Delete my data" does, for an operator (a person who
 * asks by email): revoke at the provider, then delete the person and everything that cascades.
 */
import { parseEnv } from "../lib/config/env-schema";
import { resolveDatabase } from "./lib/database";
import { ensureLocalSecrets } from "./lib/local-secrets";
import { loadDotEnv } from "./lib/processes";

const userId = process.argv[2];
if (!userId || !/^[A-Za-z0-9_-]{1,64}$/.test(userId)) {
  console.error("usage: npm run account:delete -- <userId>");
  process.exit(1);
}
loadDotEnv();
if (!process.env.DATABASE_URL && !process.env.TOKEN_ENCRYPTION_KEY) Object.assign(process.env, ensureLocalSecrets());
const database = await resolveDatabase();
process.env.DATABASE_URL = database.url;
let code = 0;
try {
  parseEnv(process.env);
  const { db } = await import("../lib/db/client");
  if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) {
    console.error(`No person with id ${userId}.`);
    code = 1;
  } else {
    const { deleteAccount } = await import("../lib/account/delete-account");
    const { outcome } = await deleteAccount(userId);
    console.log(`Deleted ${userId} and all their data (${outcome === "revoked" ? "revoked at the provider" : "provider not reached: revoked locally only"}).`);
  }
  await db.$disconnect();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  code = 1;
} finally {
  await database.stop();
}
process.exit(code);
