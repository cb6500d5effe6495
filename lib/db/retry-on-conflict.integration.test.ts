/**
 * A real deadlock on a real PostgreSQL: two transactions lock the same two rows in opposite
 * orders. Without the retry PostgreSQL aborts one of them (so the test does provoke a deadlock);
 * with it both commit and their effects are all there.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

let db: typeof import("./client").db;
let retry: typeof import("./retry-on-conflict");

beforeAll(async () => {
  // No provider is called here; the emulator URL only satisfies the env check.
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://localhost:9" });
  db = (await import("./client")).db;
  retry = await import("./retry-on-conflict");
});

afterAll(async () => {
  await db?.$disconnect();
});

async function twoPeople() {
  const suffix = randomBytes(3).toString("hex");
  const a = await db.user.create({ data: { name: `A ${suffix}` } });
  const b = await db.user.create({ data: { name: `B ${suffix}` } });
  return [a.id, b.id] as const;
}

/** Locks `first`, waits until the other transaction holds its first row, then locks `second`. */
function crossing(first: string, second: string, tag: string, bothHoldFirst: Promise<void>, holding: () => void) {
  return db.$transaction(
    async (tx) => {
      await tx.user.update({ where: { id: first }, data: { timezone: `${tag}-1` } });
      holding();
      await bothHoldFirst;
      await tx.user.update({ where: { id: second }, data: { name: tag } });
    },
    { timeout: 20_000 },
  );
}

function barrier(parties: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return { all, arrive: () => (++arrived === parties ? release() : undefined) };
}

it("without a retry, crossing transactions deadlock and PostgreSQL aborts one (P2034)", async () => {
  const [a, b] = await twoPeople();
  const gate = barrier(2);
  const results = await Promise.allSettled([crossing(a, b, "x", gate.all, gate.arrive), crossing(b, a, "y", gate.all, gate.arrive)]);
  const failures = results.filter((result) => result.status === "rejected");
  expect(failures).toHaveLength(1);
  expect(retry.isWriteConflict((failures[0] as PromiseRejectedResult).reason)).toBe(true);
});

it("with retryOnWriteConflict both transactions commit", async () => {
  const [a, b] = await twoPeople();
  let gate = barrier(2);
  let attempts = 0;
  const run = (first: string, second: string, tag: string) =>
    retry.retryOnWriteConflict(() => {
      attempts++;
      // A retried attempt runs alone: the other transaction is committed or still holds its
      // rows, and waiting on it is an ordinary lock wait, not a deadlock.
      if (attempts > 2) gate = { all: Promise.resolve(), arrive: () => undefined };
      return crossing(first, second, tag, gate.all, gate.arrive);
    });
  await Promise.all([run(a, b, "x"), run(b, a, "y")]);
  expect(attempts).toBe(3);
  const rows = await db.user.findMany({ where: { id: { in: [a, b] } }, select: { id: true, timezone: true, name: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  expect(byId.get(a)).toMatchObject({ timezone: "x-1", name: "y" });
  expect(byId.get(b)).toMatchObject({ timezone: "y-1", name: "x" });
});

it("other errors are not retried", async () => {
  let attempts = 0;
  await expect(
    retry.retryOnWriteConflict(async () => {
      attempts++;
      throw Object.assign(new Error("unique constraint"), { code: "P2002" });
    }),
  ).rejects.toThrow("unique constraint");
  expect(attempts).toBe(1);
});
