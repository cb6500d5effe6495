import { describe, expect, it } from "vitest";
import { safeAvatarUrl } from "./avatar-hosts";

describe("security: provider avatar URLs", () => {
  const real = "https://api.fitbit.com";
  it("accepts https on Fitbit's image hosts", () => {
    expect(safeAvatarUrl("https://static0.fitbit.com/images/profile/defaultProfile_150.png", real)).toBe(
      "https://static0.fitbit.com/images/profile/defaultProfile_150.png",
    );
    expect(safeAvatarUrl("https://www.fitbit.com/images/profile/x.gif", real)).not.toBeNull();
  });

  it("refuses plain http, other hosts, look-alikes, credentials and script URLs", () => {
    for (const value of [
      "http://www.fitbit.com/images/profile/defaultProfile_100_male.gif",
      "https://evil.example/avatar.png",
      "https://static0.fitbit.com.evil.example/a.png",
      "https://user:pw@static0.fitbit.com/a.png",
      "javascript:alert(1)",
      "data:image/svg+xml,<svg onload=alert(1)>",
      "//static0.fitbit.com/a.png",
      "not a url",
    ]) {
      expect(safeAvatarUrl(value, real), value).toBeNull();
    }
  });

  it("accepts the emulator's own origin only when the provider is configured on loopback", () => {
    const emulator = "http://127.0.0.1:4010";
    expect(safeAvatarUrl("http://127.0.0.1:4010/avatars/7QSTDY.svg?size=150", emulator)).not.toBeNull();
    expect(safeAvatarUrl("http://127.0.0.1:4999/avatars/7QSTDY.svg", emulator)).toBeNull();
    expect(safeAvatarUrl("http://127.0.0.1:4010/avatars/7QSTDY.svg", real)).toBeNull();
  });
});
