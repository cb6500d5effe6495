import { readdirSync, readFileSync } from "node:fs";

/** Fields of /proc/<pid>/stat after the command name (field 3 onwards, 0-based here). */
function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
}

/**
 * CPU seconds the server processes have used (utime + stime from /proc, Linux; null elsewhere):
 * per request, a figure other work on the machine barely moves, unlike throughput and latency.
 */
export function cpuSeconds(pids: number[]): number | null {
  try {
    return pids.reduce((sum, pid) => {
      const fields = statFields(pid);
      return sum + (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
    }, 0);
  } catch {
    return null;
  }
}

/**
 * CPU seconds a PostgreSQL server has used: the postmaster and its live children (the backends
 * the web processes keep open, autovacuum, …) plus what its exited children used (cutime, cstime).
 * Null where /proc is missing.
 */
export function postgresCpuSeconds(postmasterPid: number): number | null {
  try {
    const own = statFields(postmasterPid);
    let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const fields = statFields(Number(entry));
        if (Number(fields[1]) === postmasterPid) total += Number(fields[11]) + Number(fields[12]);
      } catch {
        // exited while listing
      }
    }
    return total / 100;
  } catch {
    return null;
  }
}
