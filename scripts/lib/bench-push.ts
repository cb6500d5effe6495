/**
 * Push vs poll in `npm run bench` (issue 9 §3, docs/decisions/0017): requests and latency from
 * "a new night recorded at the provider" (the emulator's clock passes everyone's wake time, so
 * five people's nights appear at once) to "chart updated" (the night returned by the dashboard's
 * own query, getSleepNights). Polling: the scheduled incremental sync of each person, timed; the
 * night waits for the next 15-minute tick on top (7.5 min on average, 15 at worst). Push: the
 * emulator delivers signed notifications to Nightly's webhook route over HTTP, the worker's push
 * queue runs the targeted syncs; timed until each person's chart has the night.
 */
import type { startEmulator } from "../../emulator/server";
import { GOOGLE_PEOPLE } from "../../emulator/google/people";
import { PROJECT_TOKEN } from "../../emulator/google/webhooks/routes";
import { connectGooglePerson } from "../../lib/testing/connect-person";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** The secret the bench's webhook endpoint and its emulator subscriber share (bench.ts sets it in the env). */
export const BENCH_WEBHOOK_SECRET = "Bearer nightly-bench-webhook-secret";
const POLL_MINUTES = 15;
const SAFETY_NET_POLLS_PER_DAY = 24 / 6;
const DAY_MS = 86_400_000;
const TYPES = ["sleep", "daily-heart-rate-variability", "heart-rate-variability", "respiratory-rate-sleep-summary"];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchPush(emulator: Emulator): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const { runSync } = await import("../../lib/sync/engine");
  const { getSleepNights } = await import("../../lib/queries/sleep-nights");
  const { authorizeSelf } = await import("../../lib/authz/authorize");
  const worker = await import("../../lib/sync/worker");
  const app = await webhookEndpoint();
  const clock = (body: object) => fetch(`${emulator.url}/__emulator/clock`, { method: "POST", body: JSON.stringify(body) });
  const dataRequests = (healthUserId: string) =>
    Object.entries(emulator.state.counters.byUser[healthUserId] ?? {})
      .filter(([name]) => name.startsWith("google.") && !name.startsWith("google.oauth") && !name.startsWith("google.subscribers"))
      .reduce((sum, [, n]) => sum + n, 0);
  const startMs = emulator.state.clock.now();
  try {
    // Two days ago at noon UTC: everyone's last two nights are not recorded yet.
    await clock({ setMs: Math.floor(startMs / DAY_MS) * DAY_MS - 2 * DAY_MS + 12 * 3_600_000 });
    const people: Array<{ google: (typeof GOOGLE_PEOPLE)[number]; userId: string; subject: ReturnType<typeof authorizeSelf> }> = [];
    for (const google of GOOGLE_PEOPLE) {
      const userId = await connectGooglePerson(emulator.url, google.healthUserId);
      const outcome = await runSync(userId, { historyDays: 14, provider: "google-health" });
      if (outcome.kind !== "completed") throw new Error(`${google.person.displayName}: first sync ended ${outcome.kind}`);
      people.push({ google, userId, subject: authorizeSelf({ id: userId, role: "PARTICIPANT", via: "session" }) });
    }
    const latestNight = async (p: (typeof people)[number]) => {
      const to = new Date(emulator.state.clock.now() + DAY_MS).toISOString().slice(0, 10);
      return (await getSleepNights(p.subject, { from: new Date(emulator.state.clock.now() - 7 * DAY_MS).toISOString().slice(0, 10), to })).latestNight;
    };

    // Polling: a night is recorded, the next scheduled tick syncs each person.
    const before = await Promise.all(people.map(latestNight));
    await clock({ advanceSeconds: 86_400 });
    const poll: Array<{ ms: number; requests: number; arrived: boolean }> = [];
    for (const [i, p] of people.entries()) {
      const requests = dataRequests(p.google.healthUserId);
      const started = Date.now();
      await runSync(p.userId, { historyDays: 14, provider: "google-health" });
      poll.push({ ms: Date.now() - started, requests: dataRequests(p.google.healthUserId) - requests, arrived: (await latestNight(p)) !== before[i] });
    }

    // Push: a subscriber on Nightly's endpoint, the worker's push queue, the next night.
    const created = await fetch(`${emulator.url}/v4/projects/${emulator.state.google.projectNumber}/subscribers?subscriberId=nightly-bench`, {
      method: "POST",
      headers: { authorization: `Bearer ${PROJECT_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        endpointUri: `${app.url}/api/webhooks/google-health`,
        subscriberConfigs: [{ dataTypes: TYPES, subscriptionCreatePolicy: "AUTOMATIC" }],
        endpointAuthorization: { secret: BENCH_WEBHOOK_SECRET },
      }),
    });
    if (!created.ok) throw new Error(`subscriber not created: ${created.status} ${await created.text()}`);
    await worker.startWorker({ concurrency: 1, pollingIntervalSeconds: 0.5, scheduleCron: "0 0 1 1 *", runOptions: { historyDays: 14 } });
    const last = await Promise.all(people.map(latestNight));
    const requestsBefore = people.map((p) => dataRequests(p.google.healthUserId));
    const t0 = Date.now();
    await clock({ advanceSeconds: 86_400 });
    const push: Array<{ ms: number; requestsToChart: number; requestsAll: number }> = people.map(() => ({ ms: NaN, requestsToChart: 0, requestsAll: 0 }));
    while (push.some((r) => Number.isNaN(r.ms)) && Date.now() - t0 < 120_000) {
      for (const [i, p] of people.entries()) {
        if (!Number.isNaN(push[i]!.ms) || (await latestNight(p)) === last[i]) continue;
        push[i] = { ms: Date.now() - t0, requestsToChart: dataRequests(p.google.healthUserId) - requestsBefore[i]!, requestsAll: 0 };
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    while ((await db.pushNotification.count({ where: { outcome: "queued" } })) > 0 && Date.now() - t0 < 180_000) await new Promise((r) => setTimeout(r, 100));
    const allMs = Date.now() - t0;
    people.forEach((p, i) => (push[i]!.requestsAll = dataRequests(p.google.healthUserId) - requestsBefore[i]!));
    const notifications = await db.pushNotification.count();

    const arrived = push.filter((r) => !Number.isNaN(r.ms));
    if (arrived.length === 0) throw new Error("no pushed night reached a chart within two minutes");
    const pollReq = median(poll.map((r) => r.requests));
    const pushAll = median(push.map((r) => r.requestsAll));
    const rows = [
      ["", "requests for the new night", "new night → chart", "requests a day per person"],
      [
        `polling every ${POLL_MINUTES} min`,
        `${pollReq} (median; every tick costs this)`,
        `${POLL_MINUTES / 2} min average + ${(median(poll.map((r) => r.ms)) / 1000).toFixed(1)} s sync (worst ${POLL_MINUTES} min + ${(Math.max(...poll.map((r) => r.ms)) / 1000).toFixed(1)} s)`,
        String(pollReq * (24 * 60) / POLL_MINUTES),
      ],
      [
        "push (webhooks)",
        `${median(arrived.map((r) => r.requestsToChart))} until the chart, ${pushAll} for all ${TYPES.length} notified types`,
        `${(median(arrived.map((r) => r.ms)) / 1000).toFixed(1)} s median, ${(Math.max(...arrived.map((r) => r.ms)) / 1000).toFixed(1)} s max (${people.length} people at once)`,
        `${pushAll + SAFETY_NET_POLLS_PER_DAY * pollReq} (${pushAll} pushed + ${SAFETY_NET_POLLS_PER_DAY} safety-net polls)`,
      ],
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
    console.log(`\nPush vs poll: ${people.length} Google people's new nights recorded at once; "chart" = the dashboard's sleep query returns the night.`);
    console.log(line(rows[0]!));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const row of rows.slice(1)) console.log(line(row));
    console.log(
      `\ncharts with a new night after the poll: ${poll.filter((r) => r.arrived).length}/${people.length} (a sparse wearer may have none); after push: ${arrived.length}/${people.length} ` +
        `(${notifications} notifications, all handled ${(allMs / 1000).toFixed(1)} s after the nights were recorded). Requests exclude token refreshes.`,
    );
  } finally {
    await worker.stopWorker(2000);
    await app.close();
    await clock({ setMs: startMs });
  }
}

/**
 * What app/api/webhooks/google-health/route.ts runs (the same checks and recording), on a plain
 * node:http server: the bench runs under `--conditions=react-server`, where Next's request
 * classes cannot load outside a Next.js server.
 */
async function webhookEndpoint(): Promise<{ url: string; close(): Promise<void> }> {
  const { checkGoogleWebhook } = await import("../../lib/providers/google/webhook/receive");
  const { recordPushNotification } = await import("../../lib/sync/push/record");
  const { AppError } = await import("../../lib/errors/app-error");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      checkGoogleWebhook(headers, Buffer.concat(chunks))
        .then(async (checked) => {
          if (checked.kind === "verification") return res.writeHead(200).end("{}");
          await recordPushNotification({ provider: "google-health", ...checked });
          res.writeHead(204).end();
        })
        .catch((error: unknown) => res.writeHead(error instanceof AppError ? error.status : 500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
