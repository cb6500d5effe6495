/**
 * `npm run keys:rotate` (issue 6 §6) against a real PostgreSQL and the emulator: every stored
 * token ends up under the newest key, still opens to the same token, and the old key can go.
 * The script itself runs as a real process with the new key list.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPerson, startSyncTestWorld, type SyncTestWorld } from "@/lib/sync/test-support";
import { decryptToken, generateTokenKey } from "./token-cipher";
import { tokenKeysSchema } from "@/lib/config/env-schema";

let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;
const run = promisify(execFile);

beforeAll(async () => {
  world = await startSyncTestWorld();
  db = (await import("@/lib/db/client")).db;
});

afterAll(async () => {
  await db?.$disconnect();
  await world?.close();
});

describe("keys:rotate", () => {
  it("re-encrypts every stored token under the newest key; the old key can then be removed", async () => {
    const oldKeys = process.env.TOKEN_ENCRYPTION_KEY!;
    const users = [await connectPerson(world.emulator.url, "7QSTDY"), await connectPerson(world.emulator.url, "8SHFTW")];
    const rows = await db.providerConnection.findMany({ where: { userId: { in: users } } });
    const plain = new Map(
      rows.map((row) => [row.id, { access: decryptToken(row.accessTokenEnc!, tokenKeysSchema.parse(oldKeys), `connection:${row.id}:access`), refresh: decryptToken(row.refreshTokenEnc!, tokenKeysSchema.parse(oldKeys), `connection:${row.id}:refresh`) }]),
    );
    const oldId = oldKeys.split(":")[0];
    expect(rows.every((row) => row.accessTokenEnc!.split(".")[1] === oldId)).toBe(true);

    const newKey = generateTokenKey("rotated2");
    const env = { ...process.env, DATABASE_URL: world.databaseUrl, TOKEN_ENCRYPTION_KEY: `${newKey},${oldKeys}`, NODE_ENV: "production" } as NodeJS.ProcessEnv;
    const first = await run("npm", ["run", "--silent", "keys:rotate"], { env });
    expect(first.stdout).toMatch(/Re-encrypted 2 of 2 connections under key "rotated2"/);

    const after = await db.providerConnection.findMany({ where: { userId: { in: users } } });
    const onlyNew = tokenKeysSchema.parse(newKey);
    for (const row of after) {
      expect(row.accessTokenEnc!.split(".")[1]).toBe("rotated2");
      expect(row.refreshTokenEnc!.split(".")[1]).toBe("rotated2");
      // The old key is no longer needed: the new key alone opens the same tokens.
      expect(decryptToken(row.accessTokenEnc!, onlyNew, `connection:${row.id}:access`)).toBe(plain.get(row.id)!.access);
      expect(decryptToken(row.refreshTokenEnc!, onlyNew, `connection:${row.id}:refresh`)).toBe(plain.get(row.id)!.refresh);
    }
    // Running it again changes nothing.
    const second = await run("npm", ["run", "--silent", "keys:rotate"], { env });
    expect(second.stdout).toMatch(/Re-encrypted 0 of 2 connections .*\(2 already used it\)/);
  }, 120_000);

  it("fails loudly, naming only connection ids, when a token needs a key that is not configured", async () => {
    const env = { ...process.env, DATABASE_URL: world.databaseUrl, TOKEN_ENCRYPTION_KEY: generateTokenKey("stranger"), NODE_ENV: "production" } as NodeJS.ProcessEnv;
    const failure = await run("npm", ["run", "--silent", "keys:rotate"], { env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/connection \S+: .*key "rotated2" is not configured/);
    expect(failure?.stderr).not.toMatch(/eyJ|[0-9a-f]{64}/);
  }, 120_000);
});
