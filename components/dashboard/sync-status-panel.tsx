"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useFormat } from "@/components/locale/locale-provider";
import { RelativeTime } from "@/components/locale/relative-time";
import { PushFacts } from "./push-facts";
import { progressSummary, type Observation } from "./sync-progress-summary";
import { toSyncPanelData, type SyncPanelData, type SyncStatusPayload } from "./sync-panel-types";

/** Badge text per status; `name`/`window` are the provider's (HealthProvider.copy). */
const STATUS_TEXT: Record<SyncPanelData["status"], { text: string | ((name: string, window: string) => string); tone: "ok" | "warn" | "bad" }> = {
  not_connected: { text: "Not connected", tone: "bad" },
  never: { text: "Not synced yet", tone: "warn" },
  idle: { text: "Up to date", tone: "ok" },
  queued: { text: "Sync queued", tone: "warn" },
  running: { text: "Syncing", tone: "warn" },
  waiting_rate_limit: { text: (name, window) => `Waiting for ${name}'s ${window} limit`, tone: "warn" },
  backing_off: { text: "Retrying shortly", tone: "warn" },
  interrupted: { text: "Interrupted, resuming", tone: "warn" },
  error: { text: "Sync failed", tone: "bad" },
};

const PHASE_TEXT: Record<string, string> = {
  recent: "fetching your last 30 days first",
  backfill: "fetching older history",
  incremental: "fetching new data",
};

const ACTIVE = new Set<SyncPanelData["status"]>(["queued", "running", "waiting_rate_limit", "backing_off", "interrupted"]);

async function fetchStatus(): Promise<SyncPanelData> {
  const response = await fetch("/api/sync/status", { cache: "no-store" });
  if (!response.ok) throw new Error("Sync status is unavailable right now.");
  return toSyncPanelData((await response.json()) as SyncStatusPayload);
}

/** Where the sync with the person's provider stands, with "Sync now". Polls while a sync runs and refreshes the charts when it ends. */
export function SyncStatusPanel({ initial, timezone }: { initial: SyncPanelData; timezone: string | null }) {
  const f = useFormat();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // After "Sync now", poll for a minute even before the job shows up as queued.
  const [kickedAt, setKickedAt] = useState<number | null>(null);
  const query = useQuery({
    queryKey: ["sync-status"],
    queryFn: fetchStatus,
    initialData: initial,
    refetchInterval: (state) =>
      (kickedAt !== null && Date.now() - kickedAt < 60_000) || (state.state.data && ACTIVE.has(state.state.data.status)) ? 4000 : false,
  });
  const data = query.data;
  const active = ACTIVE.has(data.status);

  // New data landed (progress moved, or the sync ended): refetch the dashboard's queries and
  // re-render the server part, at most every 10 s while the sync runs.
  const progressKey = `${data.phase}|${data.progress.reduce((sum, metric) => sum + metric.done, 0)}|${data.foodLogDaysLeft}|${data.lastSyncCompletedAt}`;
  const seen = useRef({ key: progressKey, active, at: 0 });
  // The first progress seen while syncing: with the latest, it gives a rate and a time estimate.
  const [firstSeen, setFirstSeen] = useState<Observation | null>(null);
  const doneNow = data.progress.reduce((sum, metric) => sum + metric.done, 0);
  if (active && !firstSeen) setFirstSeen({ at: query.dataUpdatedAt, done: doneNow });
  if (!active && firstSeen) setFirstSeen(null);
  useEffect(() => {
    const previous = seen.current;
    if (previous.key === progressKey && previous.active === active) return;
    const ended = previous.active && !active;
    const now = Date.now();
    seen.current = { key: progressKey, active, at: previous.at };
    if (!ended && now - previous.at < 10_000) return;
    seen.current.at = now;
    void queryClient.invalidateQueries({ predicate: (candidate) => candidate.queryKey[0] !== "sync-status" });
    router.refresh();
  }, [progressKey, active, queryClient, router]);

  async function syncNow() {
    setPending(true);
    setMessage(null);
    try {
      const response = await fetch("/api/sync", { method: "POST" });
      const body = (await response.json().catch(() => null)) as { queued?: boolean; note?: string | null; error?: { message?: string } } | null;
      if (response.ok) {
        setMessage(body?.note ?? "Sync started. New nights appear as they arrive.");
        setKickedAt(Date.now());
        void query.refetch();
      } else setMessage(body?.error?.message ?? "Nightly couldn't start a sync right now. Try again in a minute.");
    } catch {
      setMessage("Nightly could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  const providerName = data.provider?.name ?? "your data source";
  const { tone, text } = STATUS_TEXT[data.status];
  const status = { tone, text: typeof text === "string" ? text : text(providerName, data.provider?.quotaWindow ?? "request") };
  const summary = active ? progressSummary(data, firstSeen, { at: query.dataUpdatedAt, done: doneNow }) : null;
  const incomplete = data.progress.filter((metric) => !metric.complete && !metric.unavailable && metric.total > 0);
  return (
    <section className="card stack" aria-labelledby="sync-heading" data-testid="sync-status" aria-busy={active}>
      <h2 id="sync-heading">{data.provider ? `Sync with ${data.provider.name}` : "Sync"}</h2>
      <p>
        <span className={`badge badge-${status.tone}`} data-status={data.status}>
          {status.text}
        </span>
        {active && data.phase && !summary ? <span className="muted"> — {PHASE_TEXT[data.phase] ?? data.phase}</span> : null}
      </p>
      {summary ? (
        <p className="sync-summary" data-testid="sync-summary">
          {summary}
        </p>
      ) : null}
      <dl className="facts">
        {data.lastSyncCompletedAt ? (
          <>
            <dt>Last completed</dt>
            <dd data-testid="last-completed">
              {f.dateTime(data.lastSyncCompletedAt, timezone)} (<RelativeTime value={data.lastSyncCompletedAt} />)
            </dd>
          </>
        ) : null}
        {data.device ? (
          <>
            <dt>Tracker</dt>
            <dd>
              {data.device.name}, battery {data.device.battery.toLowerCase()}
              {data.device.lastSyncAt ? (
                <>
                  , last synced to {providerName} <RelativeTime value={data.device.lastSyncAt} />
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {data.push ? <PushFacts push={data.push} providerName={providerName} /> : null}
        {(data.status === "waiting_rate_limit" || data.status === "backing_off") && data.nextAttemptAt ? (
          <>
            <dt>Resumes</dt>
            <dd>{f.dateTime(data.nextAttemptAt, timezone)}</dd>
          </>
        ) : null}
      </dl>
      {incomplete.length > 0 || data.foodLogDaysLeft > 0 ? (
        <ul className="sync-progress" aria-label="History still syncing">
          {incomplete.map((metric) => (
            <li key={metric.metric}>
              <label>
                {metric.label}: {metric.done} of {metric.total} days
                <progress max={metric.total} value={metric.done} />
              </label>
            </li>
          ))}
          {data.foodLogDaysLeft > 0 ? <li>Meals and macros: {data.foodLogDaysLeft} days to fetch</li> : null}
        </ul>
      ) : null}
      {[...data.progress.filter((metric) => metric.unavailable).map((metric) => ({ metric: metric.metric, reason: metric.unavailable ?? "" })), ...data.notes].map((note) => (
        <p key={note.metric} className="muted sync-note">
          {note.reason}
        </p>
      ))}
      {data.connectionProblem ? <p className="notice notice-warn">{data.connectionProblem}</p> : null}
      {data.status === "error" && data.lastError && !data.recentErrors.some((error) => error.message === data.lastError) ? (
        <p className="notice notice-bad">{data.lastError}</p>
      ) : null}
      {data.skipped.length > 0 ? (
        <div className="notice notice-warn" data-testid="sync-skipped">
          <p>Not synced after several tries (the rest of your history is):</p>
          <ul>
            {data.skipped.map((chunk) => (
              <li key={chunk.key}>
                {chunk.label}, <time dateTime={chunk.from}>{f.date(chunk.from)}</time>
                {chunk.to === chunk.from ? null : (
                  <>
                    {" "}
                    to <time dateTime={chunk.to}>{f.date(chunk.to)}</time>
                  </>
                )}
                : {chunk.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.recentErrors.length > 0 ? (
        <div className="notice notice-bad" data-testid="sync-problems">
          <p>Problems in the last day:</p>
          <ul>
            {data.recentErrors.map((error) => (
              <li key={error.message}>
                {error.message}{" "}
                <span className="muted">
                  ({error.occurrences > 1 ? `${f.number(error.occurrences)} times, last ` : ""}
                  <RelativeTime value={error.at} />)
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={syncNow} disabled={pending || active || data.status === "not_connected"}>
          {pending ? "Starting…" : "Sync now"}
        </button>
        <span role="status" aria-live="polite" className="muted">
          {message}
        </span>
      </div>
    </section>
  );
}
