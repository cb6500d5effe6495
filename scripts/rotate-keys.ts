/**
 * `npm run keys:rotate`: re-encrypts every stored provider token under the newest key of
 * TOKEN_ENCRYPTION_KEY (the first one). Rotate by putting a new key in front, restarting Nightly,
 * running this, then removing the old keys. Runs with `--conditions=react-server` so the app's
 * `server-only` modules load outside Next.js. Exit 1 when a token could not be re-encrypted.
 */
import { runOperatorCommand } from "./lib/operator-command";

await runOperatorCommand(async (env) => {
  const { rotateTokenKeys } = await import("../lib/crypto/rotate-keys");
  const report = await rotateTokenKeys();
  console.log(
    `Re-encrypted ${report.reencrypted} of ${report.connections} connections under key "${env.TOKEN_ENCRYPTION_KEY[0]!.id}"` +
      ` (${report.alreadyCurrent} already used it).`,
  );
  for (const failure of report.failed) console.error(`  connection ${failure.connectionId}: ${failure.reason}`);
  if (report.failed.length > 0) {
    console.error("Some tokens could not be re-encrypted: keep the old keys until they are fixed or those people sign in again.");
    return 1;
  }
  console.log("No stored token needs an older key any more: older keys can be removed from TOKEN_ENCRYPTION_KEY.");
  return 0;
});
