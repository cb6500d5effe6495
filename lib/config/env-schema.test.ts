import { describe, expect, it } from "vitest";
import { generateTokenKey } from "../crypto/token-cipher";
import { parseEnv, tokenKeysSchema } from "./env-schema";

const valid: NodeJS.ProcessEnv = {
  NODE_ENV: "test",
  DATABASE_URL: "postgresql://u:p@localhost:5432/nightly",
  NEXTAUTH_SECRET: "0123456789abcdef0123",
  TOKEN_ENCRYPTION_KEY: generateTokenKey("k1"),
  FITBIT_CLIENT_ID: "23NITE",
  FITBIT_CLIENT_SECRET: "secret",
};

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.NEXTAUTH_URL).toBe("http://localhost:3000");
    expect(env.FITBIT_OAUTH_BASE_URL).toBe("https://www.fitbit.com");
    expect(env.FITBIT_API_BASE_URL).toBe("https://api.fitbit.com");
    expect(env.NIGHTLY_WORKER).toBe("on");
  });

  it("defaults the Google endpoints and wants each provider's credentials as a pair", () => {
    const env = parseEnv(valid);
    expect(env.GOOGLE_OAUTH_BASE_URL).toBe("https://accounts.google.com");
    expect(env.GOOGLE_TOKEN_URL).toBe("https://oauth2.googleapis.com/token");
    expect(env.GOOGLE_REVOKE_URL).toBe("https://oauth2.googleapis.com/revoke");
    expect(env.GOOGLE_HEALTH_API_BASE_URL).toBe("https://health.googleapis.com");
    const googleOnly = { ...valid, FITBIT_CLIENT_ID: undefined, FITBIT_CLIENT_SECRET: undefined, GOOGLE_CLIENT_ID: "g.apps", GOOGLE_CLIENT_SECRET: "s" };
    expect(parseEnv(googleOnly).FITBIT_CLIENT_ID).toBeUndefined();
    expect(() => parseEnv({ ...googleOnly, GOOGLE_CLIENT_SECRET: undefined })).toThrow(/GOOGLE_CLIENT_SECRET/);
    expect(() => parseEnv({ ...googleOnly, GOOGLE_CLIENT_ID: undefined, GOOGLE_CLIENT_SECRET: undefined })).toThrow(/GOOGLE_CLIENT_ID/);
    expect(() => parseEnv({ ...valid, GOOGLE_HEALTH_API_BASE_URL: "not a url" })).toThrow(/GOOGLE_HEALTH_API_BASE_URL/);
  });

  it("lists every problem by variable name without echoing values", () => {
    const attempt = () => parseEnv({ ...valid, NEXTAUTH_SECRET: "short", TOKEN_ENCRYPTION_KEY: "k1:c2hvcnQ=", DATABASE_URL: "mysql://x" });
    expect(attempt).toThrow(/NEXTAUTH_SECRET/);
    expect(attempt).toThrow(/TOKEN_ENCRYPTION_KEY/);
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).not.toThrow(/c2hvcnQ/);
  });

  it("parses several keys, newest first, and accepts a bare key as k1", () => {
    const keys = tokenKeysSchema.parse(`${generateTokenKey("k2")},${generateTokenKey("k1")}`);
    expect(keys.map((key) => key.id)).toEqual(["k2", "k1"]);
    const bare = tokenKeysSchema.parse(generateTokenKey("x").split(":")[1]!);
    expect(bare[0]!.id).toBe("k1");
    expect(() => tokenKeysSchema.parse(`${generateTokenKey("k1")},${generateTokenKey("k1")}`)).toThrow(/unique/);
  });
});
