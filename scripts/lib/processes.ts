/**
 * Child processes and clean shutdown for the launchers: on SIGINT/SIGTERM, stop children first
 * (so nothing talks to the database while it stops), then run the cleanup steps in order.
 */
import { spawn, type ChildProcess } from "node:child_process";
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
  const child = spawn(command, args, { env, stdio: "inherit" });
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
