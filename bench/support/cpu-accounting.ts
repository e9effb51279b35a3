import { cpus } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) so far per label and process id, read from /proc (Linux); empty elsewhere. */
export type CpuSnapshot = Map<string, Map<string, number>>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

const own = (f: string[]) => (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
/** A process's own time plus that of its children it has reaped (exited backends, for the postmaster). */
const withReaped = (f: string[]) => own(f) + (Number(f[13]) + Number(f[14])) / TICKS_PER_SECOND;

/**
 * CPU used so far by the node processes (by pid, with their worker threads) and by PostgreSQL: the
 * postmaster with every backend and autovacuum worker it runs or has run (so backends that exit
 * during the sync, such as pooled connections closed when idle, still count).
 */
export function cpuSnapshot(nodes: Map<string, number | undefined>, postmasterPid: number | undefined): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  const add = (label: string, pid: string, seconds: number) => {
    if (!snapshot.has(label)) snapshot.set(label, new Map());
    snapshot.get(label)!.set(pid, seconds);
  };
  for (const [label, pid] of nodes) {
    const fields = pid === undefined ? undefined : statFields(String(pid));
    if (fields) add(label, String(pid), own(fields));
  }
  if (postmasterPid === undefined) return snapshot;
  const postmaster = statFields(String(postmasterPid));
  if (!postmaster) return snapshot;
  add('PostgreSQL', String(postmasterPid), withReaped(postmaster));
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return snapshot;
  }
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields && fields[1] === String(postmasterPid)) add('PostgreSQL', pid, own(fields));
  }
  return snapshot;
}

/**
 * CPU seconds used between two snapshots, per label. A child that exited in between is counted by
 * its parent's reaped time; its running total is then dropped, so nothing is counted twice.
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [label, processes] of after) {
    const earlier = before.get(label) ?? new Map<string, number>();
    let sum = 0;
    for (const [pid, seconds] of processes) sum += seconds - (earlier.get(pid) ?? 0);
    // Children alive before that have exited since: their time before is inside the parent's reaped
    // total now, so take it off again.
    for (const [pid, seconds] of earlier) if (!processes.has(pid) && label === 'PostgreSQL') sum -= seconds;
    result[label] = sum;
  }
  return result;
}

/** Busy and total CPU time of the whole machine so far (every process, ours or not), in ms. */
export function machineCpu(): { busy: number; total: number } {
  return cpus().reduce(
    (sum, { times }) => {
      const total = times.user + times.nice + times.sys + times.idle + times.irq;
      return { busy: sum.busy + total - times.idle, total: sum.total + total };
    },
    { busy: 0, total: 0 },
  );
}
