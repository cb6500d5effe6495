/**
 * Part of `npm run bench` (issue 6 §1): does one slow person delay everyone else's first chart?
 * Through the real queue and worker (2 slots, as in production): everyone but Sam signs in at
 * once, first with nobody else syncing, then while Sam's provider answers every request 2 s
 * late and he has pressed "Sync now" twice. Reports each other person's time from sign-in to
 * first chart (`SyncState.recentCompletedAt`).
 */
import { DEMO_PEOPLE } from "../../emulator/people";
import { connectPerson } from "../../lib/testing/connect-person";

const SAM = "8SHFTW";
const HISTORY_DAYS = 90;

export async function benchFairness(emulatorUrl: string): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const queue = await import("../../lib/sync/queue");
  const worker = await import("../../lib/sync/worker");
  const others = DEMO_PEOPLE.filter((person) => person.encodedId !== SAM);
  await worker.startWorker({ concurrency: 2, pollingIntervalSeconds: 0.5, runOptions: { historyDays: HISTORY_DAYS } });

  async function othersSignIn(): Promise<number[]> {
    const ids = [];
    for (const person of others) ids.push(await connectPerson(emulatorUrl, person.encodedId));
    const signedInAt = Date.now();
    for (const id of ids) await queue.enqueueSync(id, "signin");
    for (;;) {
      const states = await db.syncState.findMany({ where: { userId: { in: ids }, recentCompletedAt: { not: null } } });
      if (states.length === ids.length) return states.map((s) => s.recentCompletedAt!.getTime() - signedInAt).sort((a, b) => a - b);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const waitIdle = async (ids: string[]) => {
    while ((await db.syncState.count({ where: { userId: { in: ids }, status: { notIn: ["IDLE", "ERROR"] } } })) > 0)
      await new Promise((resolve) => setTimeout(resolve, 200));
  };

  const alone = await othersSignIn();
  await waitIdle(await allUsers(db));

  await fetch(`${emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ kind: "latency", userId: SAM, count: 10_000, latencyMs: 2000 }),
  });
  const sam = await connectPerson(emulatorUrl, SAM);
  await queue.enqueueSync(sam, "signin");
  while ((await db.syncState.findFirst({ where: { userId: sam } }))?.status !== "RUNNING")
    await new Promise((resolve) => setTimeout(resolve, 100));
  await queue.enqueueSync(sam, "manual");
  await queue.enqueueSync(sam, "manual");
  const withSlow = await othersSignIn();
  const samStatus = (await db.syncState.findFirst({ where: { userId: sam } }))?.status;
  await worker.stopWorker(1000);
  await fetch(`${emulatorUrl}/__emulator/faults`, { method: "DELETE" });

  const seconds = (list: number[]) => list.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ");
  console.log(
    `\nFirst chart after ${others.length} people sign in at once (${HISTORY_DAYS}-day history, worker with 2 slots):`,
  );
  console.log(`  nobody else syncing:                          ${seconds(alone)}`);
  console.log(`  while Sam syncs slowly (2 s per request, "Sync now" x2): ${seconds(withSlow)} (Sam: ${samStatus})`);
}

async function allUsers(db: typeof import("../../lib/db/client").db): Promise<string[]> {
  return (await db.syncState.findMany({ select: { userId: true } })).map((s) => s.userId);
}
