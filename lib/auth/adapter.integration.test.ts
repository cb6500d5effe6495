/**
 * The session read every signed-in request makes (one joined query), against a real PostgreSQL:
 * the same session and user NextAuth got from the two-query form, and nothing for an unknown token.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let adapter: ReturnType<typeof import("./adapter").nightlyAdapter>;

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  adapter = (await import("./adapter")).nightlyAdapter();
});

describe("nightly adapter: getSessionAndUser", () => {
  it("returns the session with its person's id, name, image and role", async () => {
    const user = await db.user.create({ data: { name: "Ada", image: "https://example.test/a.png", role: "RESEARCHER", email: "ada@example.test" } });
    const expires = new Date(Date.now() + 30 * 86_400_000);
    await db.session.create({ data: { sessionToken: "tok-ada", userId: user.id, expires } });
    const found = await adapter.getSessionAndUser!("tok-ada");
    expect(found?.session).toEqual({ sessionToken: "tok-ada", userId: user.id, expires });
    expect(found?.session.expires).toBeInstanceOf(Date);
    expect(found?.user).toEqual({ id: user.id, name: "Ada", email: "ada@example.test", emailVerified: null, image: "https://example.test/a.png", role: "RESEARCHER" });
  });

  it("security: an unknown or deleted session token finds no one", async () => {
    const user = await db.user.create({ data: { name: "Bob" } });
    await db.session.create({ data: { sessionToken: "tok-bob", userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
    expect(await adapter.getSessionAndUser!("tok-nobody")).toBeNull();
    await db.session.delete({ where: { sessionToken: "tok-bob" } });
    expect(await adapter.getSessionAndUser!("tok-bob")).toBeNull();
    const found = await adapter.getSessionAndUser!("tok-ada");
    expect(found?.user.id).not.toBe(user.id);
  });
});
