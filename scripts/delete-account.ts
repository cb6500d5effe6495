/**
 * `npm run account:delete -- <userId>`: what "Delete my data" does, for an operator (a person who
 * asks by email): revoke at the provider, then delete the person and everything that cascades.
 */
import { runOperatorCommand } from "./lib/operator-command";

const userId = process.argv[2];
if (!userId || !/^[A-Za-z0-9_-]{1,64}$/.test(userId)) {
  console.error("usage: npm run account:delete -- <userId>");
  process.exit(1);
}
await runOperatorCommand(async () => {
  const { db } = await import("../lib/db/client");
  if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) {
    console.error(`No person with id ${userId}.`);
    return 1;
  }
  const { deleteAccount } = await import("../lib/account/delete-account");
  const { outcome } = await deleteAccount(userId);
  console.log(`Deleted ${userId} and all their data (${outcome === "revoked" ? "revoked at the provider" : "provider not reached: revoked locally only"}).`);
  return 0;
});
