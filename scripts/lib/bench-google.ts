/**
 * The Google Health half of `npm run bench`: a one-year backfill per demo person through the
 * Google Health API (emulator at Google's real 300 requests/minute), requests used per data type
 * against the fewest the endpoints allow, and time to first chart.
 */
import type { startEmulator } from "../../emulator/server";
import { GOOGLE_PEOPLE } from "../../emulator/google/people";
import { connectGooglePerson } from "../../lib/testing/connect-person";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Pages look at most this many days (emulator README "Paging", like the live API). */
const SLEEP_SCAN_DAYS = 30;
const OTHER_SCAN_DAYS = 90;
const SLEEP_PAGE_SIZE = 25;

export async function benchGoogle(emulator: Emulator, historyDays: number): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const { runSync } = await import("../../lib/sync/engine");
  const { GOOGLE_REQUESTS_PER_MINUTE, GOOGLE_RESERVE } = await import("../../lib/providers/google/provider");
  const pages = (days: number, scan: number) => Math.ceil(days / scan);
  const header = ["person", "sleep", "hrv", "hrv 5-min", "breathing", "meals", "water", "devices", "total", "min", "first chart", "total time", "minutes at 300/min"];
  const body: string[][] = [];
  for (const google of GOOGLE_PEOPLE) {
    const userId = await connectGooglePerson(emulator.url, google.healthUserId);
    const started = Date.now();
    const outcome = await runSync(userId, { historyDays, provider: "google-health" });
    const totalMs = Date.now() - started;
    if (outcome.kind !== "completed") throw new Error(`${google.person.displayName} (Google): sync ended ${outcome.kind}`);
    const state = await db.syncState.findFirstOrThrow({ where: { userId } });
    const counts = emulator.state.counters.byUser[google.healthUserId] ?? {};
    const used = (type: string) => Object.entries(counts).filter(([name]) => name.startsWith(`google.${type}.`)).reduce((sum, [, n]) => sum + n, 0);
    const nights = await db.sleepLog.count({ where: { userId } });
    // Fewest requests: every page holds at most 25 sleeps and looks at most 30 (sleep) or 90
    // (other types) days; the 5-minute HRV is kept for the last week only (one page).
    const groups: Array<[number, number]> = [
      [used("sleep"), Math.max(Math.ceil(nights / SLEEP_PAGE_SIZE), pages(historyDays, SLEEP_SCAN_DAYS))],
      [used("daily-heart-rate-variability"), pages(historyDays, OTHER_SCAN_DAYS)],
      [used("heart-rate-variability"), 1],
      [used("respiratory-rate-sleep-summary") + used("daily-respiratory-rate"), pages(historyDays, OTHER_SCAN_DAYS)],
      [used("nutrition-log"), pages(historyDays, OTHER_SCAN_DAYS)],
      [used("hydration-log"), pages(historyDays, OTHER_SCAN_DAYS)],
      [counts["google.pairedDevices"] ?? 0, 1],
    ];
    const total = groups.reduce((sum, [n]) => sum + n, 0);
    body.push([
      `${google.person.displayName}${google.legacyUserId ? "" : " (Google only)"}`,
      ...groups.map(([n, min]) => `${n}/${min}`),
      String(total),
      String(groups.reduce((sum, [, min]) => sum + min, 0)),
      `${(((state.recentCompletedAt?.getTime() ?? started) - started) / 1000).toFixed(2)} s`,
      `${(totalMs / 1000).toFixed(1)} s`,
      (total / (GOOGLE_REQUESTS_PER_MINUTE - GOOGLE_RESERVE)).toFixed(2),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(`\nGoogle Health one-year backfill (${historyDays} days), emulator at Google's real limit; cells are used/min ("min" = fewest requests the endpoints allow).`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
  console.log(
    `\nminutes at 300/min = total / ${GOOGLE_REQUESTS_PER_MINUTE - GOOGLE_RESERVE} (the engine keeps ${GOOGLE_RESERVE} a minute for the person's own pages).`,
  );
}
