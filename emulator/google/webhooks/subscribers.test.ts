/**
 * The emulator's webhook subscribers over real HTTP: the management API (auth, project number,
 * subscriberId rules, Operations, updateMask with full replacement, handshake on create and on
 * endpoint/secret change), AUTOMATIC and MANUAL policies, signed deliveries that verify under the
 * published Tink keyset, and retries with backoff. The endpoint here is a small receiver in the
 * test that answers the handshake as Google requires and records what it is sent.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicKey, verify } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GOOGLE_CLIENT, GOOGLE_PEOPLE, startEmulator, type RunningEmulator } from "../../server";
import { obtainGoogleTokens } from "../testing";
import { KEYSET_PATH, PROJECT_TOKEN } from "./routes";
import type { Delivery } from "./delivery";

const SECRET = "Bearer receiver-secret";
const ADA = GOOGLE_PEOPLE.find((g) => g.person.encodedId === "7QSTDY")!;
const SAM = GOOGLE_PEOPLE.find((g) => g.person.encodedId !== "7QSTDY" && g.legacyUserId !== "")!;

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}
let emu: RunningEmulator;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Status the receiver answers notifications with, one per call (then 204). */
let answers: number[] = [];
/** Whether the receiver answers the handshake as Google requires. */
let handshakeOk = true;

const api = (path: string, init: RequestInit = {}, token = PROJECT_TOKEN) =>
  fetch(`${emu.url}/v4/projects/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
interface ApiBody {
  error: { status: string };
  response: { subscriberConfigs?: unknown };
  subscribers: { name: string }[];
  subscriptions: unknown[];
  nextPageToken?: string;
  endpointUri?: string;
}
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as ApiBody });
const subscriber = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    endpointUri: `${receiverUrl}/hook`,
    subscriberConfigs: [{ dataTypes: ["sleep"], subscriptionCreatePolicy: "AUTOMATIC" }],
    endpointAuthorization: { secret: SECRET },
    ...overrides,
  });
const deliveries = (): Delivery[] => emu.state.google.webhooks.deliverer.log();
async function until(probe: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (JSON.parse(body).type === "verification") {
        const ok = handshakeOk && req.headers.authorization === SECRET;
        res.writeHead(handshakeOk ? (ok ? 200 : 401) : 200).end();
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  emu = await startEmulator({ port: 0, webhookRetryBaseMs: 20, webhookMaxAttempts: 3, webhookScanMs: 0 });
}, 30_000);
afterAll(async () => {
  await emu?.close();
  await new Promise((r) => receiver?.close(r));
});
afterEach(async () => {
  for (const s of emu.state.google.webhooks.subscribers.list()) emu.state.google.webhooks.subscribers.delete(s.id);
  received.length = 0;
  answers = [];
  handshakeOk = true;
});

describe("subscriber management API", () => {
  it("needs project credentials and the project number", async () => {
    expect((await api("100200300400/subscribers", {}, "wrong")).status).toBe(401);
    const byId = await json(await api("nightly-demo/subscribers"));
    expect([byId.status, byId.body.error.status]).toEqual([400, "INVALID_ARGUMENT"]);
    expect((await api("999/subscribers")).status).toBe(403);
  });

  it("creates (Operation, after the handshake), lists, gets; refuses bad ids, duplicates and a failing endpoint", async () => {
    for (const id of ["abc", "Nightly", "1abc", "abcd-", "a".repeat(37)])
      expect((await api(`100200300400/subscribers?subscriberId=${id}`, { method: "POST", body: subscriber() })).status, id).toBe(400);
    const created = await json(await api("100200300400/subscribers?subscriberId=nightly-1", { method: "POST", body: subscriber() }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ done: true, response: { "@type": expect.stringContaining("Subscriber"), name: "projects/100200300400/subscribers/nightly-1" } });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    expect((await api("100200300400/subscribers?subscriberId=nightly-1", { method: "POST", body: subscriber() })).status).toBe(409);
    handshakeOk = false; // answers 200 even without the secret
    const failing = await json(await api("100200300400/subscribers?subscriberId=nightly-2", { method: "POST", body: subscriber() }));
    expect([failing.status, failing.body.error.status]).toEqual([400, "FAILED_PRECONDITION"]);
    handshakeOk = true;
    await api("100200300400/subscribers?subscriberId=nightly-3", { method: "POST", body: subscriber() });
    const page1 = await json(await api("100200300400/subscribers?pageSize=1"));
    expect(page1.body.subscribers.map((s: { name: string }) => s.name)).toEqual(["projects/100200300400/subscribers/nightly-1"]);
    const page2 = await json(await api(`100200300400/subscribers?pageSize=1&pageToken=${page1.body.nextPageToken}`));
    expect(page2.body.subscribers).toHaveLength(1);
    expect(page2.body.nextPageToken).toBeUndefined();
    expect((await json(await api("100200300400/subscribers/nightly-3"))).body.endpointUri).toBe(`${receiverUrl}/hook`);
    expect((await api("100200300400/subscribers/nope")).status).toBe(404);
  });

  it("patches by updateMask: subscriberConfigs replaced whole; an endpoint that fails the handshake changes nothing", async () => {
    await api("100200300400/subscribers?subscriberId=nightly-p", { method: "POST", body: subscriber() });
    const configs = [{ dataTypes: ["daily-heart-rate-variability"], subscriptionCreatePolicy: "MANUAL" }];
    const patched = await json(await api("100200300400/subscribers/nightly-p?updateMask=subscriberConfigs", { method: "PATCH", body: JSON.stringify({ subscriberConfigs: configs }) }));
    expect(patched.body.response.subscriberConfigs).toEqual(configs);
    expect((await api("100200300400/subscribers/nightly-p?updateMask=name", { method: "PATCH", body: "{}" })).status).toBe(400);
    const moved = await json(await api("100200300400/subscribers/nightly-p?updateMask=endpointUri", { method: "PATCH", body: JSON.stringify({ endpointUri: "http://127.0.0.1:9/nowhere" }) }));
    expect(moved.body.error.status).toBe("FAILED_PRECONDITION");
    expect((await json(await api("100200300400/subscribers/nightly-p"))).body.endpointUri).toBe(`${receiverUrl}/hook`);
  });

  it("deletes (Operation); with MANUAL subscriptions only with force=true", async () => {
    await api("100200300400/subscribers?subscriberId=nightly-m", {
      method: "POST",
      body: subscriber({ subscriberConfigs: [{ dataTypes: ["sleep"], subscriptionCreatePolicy: "MANUAL" }] }),
    });
    const sub = await json(await api("100200300400/subscribers/nightly-m/subscriptions", { method: "POST", body: JSON.stringify({ dataTypes: ["users/x/dataTypes/sleep"], user: `users/${ADA.healthUserId}` }) }));
    expect(sub.body).toMatchObject({ dataTypes: ["sleep"], user: `users/${ADA.healthUserId}` });
    expect((await json(await api("100200300400/subscribers/nightly-m/subscriptions"))).body.subscriptions).toHaveLength(1);
    expect((await json(await api("100200300400/subscribers/nightly-m", { method: "DELETE" }))).body.error.status).toBe("FAILED_PRECONDITION");
    const deleted = await json(await api("100200300400/subscribers/nightly-m?force=true", { method: "DELETE" }));
    expect(deleted.body).toMatchObject({ done: true, response: { "@type": "type.googleapis.com/google.protobuf.Empty" } });
    expect((await api("100200300400/subscribers/nightly-m")).status).toBe(404);
  });
});

describe("deliveries", () => {
  it("AUTOMATIC: a consented person's deletion arrives signed; the signature verifies under the published keyset", async () => {
    await obtainGoogleTokens(emu.url, DEFAULT_GOOGLE_CLIENT, { personId: ADA.healthUserId });
    await api("100200300400/subscribers?subscriberId=nightly-a", { method: "POST", body: subscriber() });
    const day = new Date(emu.state.clock.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await fetch(`${emu.url}/__emulator/google/users/${ADA.healthUserId}/delete-data`, { method: "POST", body: JSON.stringify({ dataType: "sleep", date: day }) });
    await until(() => received.length === 1);
    const [note] = received;
    expect(note!.headers.authorization).toBe(SECRET);
    const body = JSON.parse(note!.body);
    expect(body.data).toMatchObject({ healthUserId: ADA.healthUserId, operation: "DELETE", dataType: "sleep", clientProvidedSubscriptionName: "nightly-a" });
    expect(body.data.intervals[0].civilIso8601TimeInterval.endTime.slice(0, 10)).toBe(day);

    // Tink wire format: 0x01, the primary key's id, then a DER signature over the raw body.
    const signature = Buffer.from(String(note!.headers["x-healthapi-signature"]), "base64");
    const keyset = (await (await fetch(`${emu.url}${KEYSET_PATH}`)).json()) as { primaryKeyId: number; key: { keyId: number; keyData: { value: string } }[] };
    expect(signature[0]).toBe(1);
    expect(signature.readUInt32BE(1)).toBe(keyset.primaryKeyId);
    const proto = Buffer.from(keyset.key[0]!.keyData.value, "base64");
    // EcdsaPublicKey: params (6 bytes), then x and y, 33 bytes each with a leading zero.
    const x = proto.subarray(proto.length - 68 + 1, proto.length - 35);
    const y = proto.subarray(proto.length - 32);
    const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: x.toString("base64url"), y: y.toString("base64url") }, format: "jwk" });
    expect(verify("sha256", Buffer.from(note!.body), { key, dsaEncoding: "der" }, signature.subarray(5))).toBe(true);
    // The deleted night is no longer served.
    expect(emu.state.google.webhooks.deleteData(ADA, "sleep", day)).toBe(0);
  });

  it("MANUAL: only people with a subscription hear of changes", async () => {
    await obtainGoogleTokens(emu.url, DEFAULT_GOOGLE_CLIENT, { personId: SAM.healthUserId });
    await api("100200300400/subscribers?subscriberId=nightly-man", {
      method: "POST",
      body: subscriber({ subscriberConfigs: [{ dataTypes: ["sleep"], subscriptionCreatePolicy: "MANUAL" }] }),
    });
    const day = new Date(emu.state.clock.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    expect(emu.state.google.webhooks.deleteData(SAM, "sleep", day)).toBeGreaterThan(0);
    await api("100200300400/subscribers/nightly-man/subscriptions", { method: "POST", body: JSON.stringify({ dataTypes: ["sleep"], user: `users/${ADA.healthUserId}` }) });
    emu.state.google.webhooks.deleteData(ADA, "sleep", new Date(emu.state.clock.now() - 6 * 86_400_000).toISOString().slice(0, 10));
    await until(() => received.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.map((r) => JSON.parse(r.body).data.healthUserId)).toEqual([ADA.healthUserId]);
  });

  it("retries with exponential backoff until the endpoint answers 2xx, and gives up after maxAttempts", async () => {
    await obtainGoogleTokens(emu.url, DEFAULT_GOOGLE_CLIENT, { personId: ADA.healthUserId });
    await api("100200300400/subscribers?subscriberId=nightly-r", { method: "POST", body: subscriber() });
    answers = [500, 503];
    emu.state.google.webhooks.deleteData(ADA, "sleep", new Date(emu.state.clock.now() - 8 * 86_400_000).toISOString().slice(0, 10));
    await until(() => deliveries().at(-1)?.status === "delivered");
    expect(deliveries().at(-1)).toMatchObject({ attempts: 3, lastStatus: 204 });
    answers = [500, 500, 500];
    emu.state.google.webhooks.deleteData(ADA, "sleep", new Date(emu.state.clock.now() - 9 * 86_400_000).toISOString().slice(0, 10));
    await until(() => deliveries().at(-1)?.status === "failed");
    expect(deliveries().at(-1)).toMatchObject({ attempts: 3, lastStatus: 500 });
  });

  it("a new night recorded (the clock passes a wake time) is announced as an UPSERT", async () => {
    await obtainGoogleTokens(emu.url, DEFAULT_GOOGLE_CLIENT, { personId: ADA.healthUserId });
    await api("100200300400/subscribers?subscriberId=nightly-n", { method: "POST", body: subscriber() });
    const res = await fetch(`${emu.url}/__emulator/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: 86_400 }) });
    expect(((await res.json()) as { notified: number }).notified).toBeGreaterThanOrEqual(1);
    await until(() => received.length >= 1);
    expect(JSON.parse(received[0]!.body).data).toMatchObject({ operation: "UPSERT", dataType: "sleep", healthUserId: ADA.healthUserId });
  });
});
