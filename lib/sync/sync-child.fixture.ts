/**
 * Test fixture: runs one sync in a child process (so a test can SIGKILL it mid-backfill).
 * Prints one line per committed chunk. Started with `--conditions=react-server --import tsx`.
 */
import { runSync } from "./engine";

const [userId, historyDays] = process.argv.slice(2);
if (!userId) throw new Error("usage: sync-child.fixture.ts <userId> [historyDays]");
const outcome = await runSync(userId, {
  historyDays: Number(historyDays ?? 365),
  onChunkCommitted: ({ metric }) => void process.stdout.write(`chunk ${metric}\n`),
});
process.stdout.write(`done ${outcome.kind}\n`);
process.exit(0);
