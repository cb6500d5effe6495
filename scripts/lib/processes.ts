/**
 * Child processes and clean shutdown for the launchers: on SIGINT/SIGTERM, stop children first
 * (so nothing talks to the database while it stops), then run the cleanup steps in order.
 */
import { spawn, type ChildProcess } from "node:child_process";
import cluster from "node:cluster";
import os from "node:os";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];
let stopping = false;

export function onShutdown(step: () => Promise<void>) {
  cleanups.unshift(step);
}

export function nextBin(): string {
  return require.resolve("next/dist/bin/next");
}

export function spawnChild(command: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  return watchChild(spawn(command, args, { env, stdio: "inherit" }), name);
}

/**
 * `count` Next.js production servers on one port: node:cluster hands the listening socket to each
 * and spreads connections among them, so every core renders pages. Each is watched like any
 * child: one exiting stops the whole launcher (a supervisor restarts it), never a half-size
 * service that looks healthy. The bench passes `quiet` (no stdout) and `watch: false` (it stops them).
 */
export function forkNextServers(count: number, port: number, env: NodeJS.ProcessEnv, options: { quiet?: boolean; watch?: boolean } = {}): ChildProcess[] {
  // The launcher's own loaders (tsx) stay out of the servers.
  cluster.setupPrimary({ exec: nextBin(), args: ["start", "-p", String(port)], execArgv: [], silent: options.quiet ?? false });
  return Array.from({ length: count }, (_, index) => {
    const child = cluster.fork(env).process;
    if (options.quiet) {
      child.stdout?.resume();
      child.stderr?.pipe(process.stderr);
    }
    return options.watch === false ? child : watchChild(child, count > 1 ? `Next.js (${index + 1} of ${count})` : "Next.js");
  });
}

/** How many web processes NIGHTLY_WEB_PROCESSES asks for on this machine. */
export function webProcessCount(setting: number | "auto"): number {
  return setting === "auto" ? os.availableParallelism() : setting;
}

function watchChild(child: ChildProcess, name: string): ChildProcess {
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); shutting down.`);
      void shutdown(code ?? 1);
    }
  });
  return child;
}

export async function shutdown(exitCode = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(
      [...children].map(
        (child) =>
          new Promise<void>((resolve) => {
            // Longer than the sync worker's bounded stop (lib/sync/worker.ts STOP_TIMEOUT_MS).
            const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
    for (const step of cleanups) await step().catch((error) => console.error(String(error)));
  }
  process.exit(exitCode);
}

export function handleSignals() {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.log(`\nReceived ${signal}, stopping…`);
      void shutdown(0);
    });
  }
}

/** Loads ./.env into process.env for the launcher (Next.js loads it for itself). */
export function loadDotEnv() {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env: configuration comes from the environment
  }
}

/** Runs `fn`, printing only the message of an expected failure (no stack trace) before exiting. */
export async function runLauncher(fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
