import { describe, expect, it } from "vitest";
import { DEFAULT_GOOGLE_CLIENT } from "./clients";
import { ADA, control, googleEmulatorPerTest, tokensFor } from "./test-fixtures";
import { postGoogleToken } from "./testing";

const TESTING = {
  ...DEFAULT_GOOGLE_CLIENT,
  clientId: "testing-client.apps.googleusercontent.com",
  testing: true,
};
const emu = googleEmulatorPerTest({ googleClients: [DEFAULT_GOOGLE_CLIENT, TESTING] });

describe("a client whose consent screen is in Testing status", () => {
  it("gets refresh_token_expires_in and a refresh token that dies after 7 days", async () => {
    const t = await tokensFor(emu.current.url, {});
    expect(t.refresh_token_expires_in).toBeUndefined();
    const { obtainGoogleTokens } = await import("./testing");
    const tt = await obtainGoogleTokens(emu.current.url, TESTING, { personId: ADA.healthUserId });
    expect(tt.refresh_token_expires_in).toBe(604799);
    await control(emu.current.url, "POST", "/clock", { advanceSeconds: 7 * 86400 });
    const dead = await postGoogleToken(emu.current.url, TESTING, {
      grant_type: "refresh_token",
      refresh_token: tt.refresh_token!,
    });
    expect(await dead.json()).toEqual({
      error: "invalid_grant",
      error_description: "Token has been expired or revoked.",
    });
    const alive = await postGoogleToken(emu.current.url, DEFAULT_GOOGLE_CLIENT, {
      grant_type: "refresh_token",
      refresh_token: t.refresh_token!,
    });
    expect(alive.status).toBe(200);
  });
});
