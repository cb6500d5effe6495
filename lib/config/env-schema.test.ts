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

describe("staff sign-in configuration", () => {
  it("takes OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, and ADMIN_EMAILS as a list", () => {
    const env = parseEnv({ ...valid, OIDC_ISSUER: "https://idp.uni.example/realms/staff", OIDC_CLIENT_ID: "nightly", OIDC_CLIENT_SECRET: "s3cret", ADMIN_EMAILS: " Alan@Uni.example, b@uni.example " });
    expect(env.OIDC_ISSUER).toBe("https://idp.uni.example/realms/staff");
    expect(env.ADMIN_EMAILS).toEqual(["alan@uni.example", "b@uni.example"]);
    expect(parseEnv(valid).ADMIN_EMAILS).toEqual([]);
  });

  it("names every missing OIDC variable and refuses a bad admin list", () => {
    const partial = () => parseEnv({ ...valid, OIDC_ISSUER: "https://idp.uni.example" });
    expect(partial).toThrow(/OIDC_CLIENT_ID/);
    expect(partial).toThrow(/OIDC_CLIENT_SECRET/);
    expect(() => parseEnv({ ...valid, ADMIN_EMAILS: "alan@uni.example,not-an-email" })).toThrow(/ADMIN_EMAILS/);
    expect(() => parseEnv({ ...valid, OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toThrow(/OIDC_ISSUER/);
  });
});
