import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { bearer, FORM, SERVER_CLIENT, emulatorPerTest } from "./test-fixtures";
import { basicAuth, obtainTokens } from "./testing";

const emu = emulatorPerTest();

/** Sends raw bytes and returns whatever comes back before the server closes or 1 s passes. */
function rawRequest(payload: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(emu.current.port, "127.0.0.1");
    let out = "";
    socket.on("data", (d) => (out += d.toString()));
    socket.on("error", () => resolve(out));
    socket.on("close", () => resolve(out));
    socket.write(payload);
    setTimeout(() => socket.destroy(), 1000);
  });
}

const postToken = (body: BodyInit, headers: Record<string, string> = FORM) =>
  fetch(`${emu.current.url}/oauth2/token`, {
    method: "POST",
    headers: { authorization: basicAuth(SERVER_CLIENT), ...headers },
    body,
  });

describe("hostile input never crashes the emulator", () => {
  it("bad percent-encoding in a form body -> 400 envelope", async () => {
    const res = await postToken("grant_type=refresh_token&refresh_token=%E0%A4%A");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        {
          errorType: "invalid_request",
          fieldName: "n/a",
          message: "There was an error reading the request body.",
        },
      ],
      success: false,
    });
  });

  it("huge bodies -> 413", async () => {
    const res = await postToken("a=" + "x".repeat(2_000_000));
    expect(res.status).toBe(413);
  });

  it("binary garbage and odd forms are answered, not thrown", async () => {
    const garbage = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    expect((await postToken(new Blob([garbage]))).status).toBe(400);
    expect((await postToken("&&&===&=")).status).toBe(400);
    const dup = await postToken("grant_type=refresh_token&refresh_token=a&refresh_token=b");
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("Duplicate parameters: refresh_token");
  });

  it("bad percent-encoding in a data path or query -> 400", async () => {
    const t = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["profile"],
    });
    const path = await fetch(`${emu.current.url}/1/user/%zz/profile.json`, {
      headers: bearer(t.access_token),
    });
    expect(path.status).toBe(400);
    const query = await fetch(`${emu.current.url}/1/user/-/profile.json?a=%zz`, {
      headers: bearer(t.access_token),
    });
    expect(query.status).toBe(400);
    expect(query.headers.get("fitbit-rate-limit-limit")).toBe("150");
  });

  it("raw protocol abuse: absolute-form target, bad Host, junk request line", async () => {
    const absolute = await rawRequest(
      "GET http://evil/1/user/-/profile.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    expect(absolute).toMatch(/^HTTP\/1\.1 400/);
    const slashes = await rawRequest(
      "GET //evil.example/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    expect(slashes).toMatch(/^HTTP\/1\.1 404/);
    const junk = await rawRequest("\u0000\u0001 nonsense\r\n\r\n");
    expect(junk).toMatch(/^HTTP\/1\.1 400/);
    // Still alive.
    expect((await fetch(`${emu.current.url}/__emulator/health`)).status).toBe(200);
  });

  it("a hostile Host header never ends up in absolute URLs", async () => {
    const t = await obtainTokens(emu.current.url, SERVER_CLIENT, {
      personId: "7QSTDY",
      scopes: ["profile"],
    });
    const res = await rawRequest(
      `GET /1/user/-/profile.json HTTP/1.1\r\nHost: evil.example/"><x\r\nAuthorization: Bearer ${t.access_token}\r\nConnection: close\r\n\r\n`,
    );
    expect(res).toMatch(/^HTTP\/1\.1 200/);
    expect(res).toContain(`"avatar":"${emu.current.url}/avatars/7QSTDY.svg?size=100"`);
  });

  it("unknown paths and methods outside the API", async () => {
    expect((await fetch(`${emu.current.url}/nothing`)).status).toBe(404);
    expect((await fetch(`${emu.current.url}/oauth2/token`)).status).toBe(405);
    expect((await fetch(`${emu.current.url}/__emulator/clock`, { method: "DELETE" })).status).toBe(
      405,
    );
    expect((await fetch(`${emu.current.url}/avatars/NOBODY.svg`)).status).toBe(404);
  });
});
