import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) per label, read from /proc (Linux); empty elsewhere. */
export type CpuSnapshot = Map<string, number>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuSecondsOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * CPU used so far by the node processes (by pid) and by the PostgreSQL backends serving each
 * database (by the database name in the backend's process title). Backends that have exited
 * (the benchmark's own short polling connections) are not counted.
 */
export function cpuSnapshot(nodes: Map<string, number | undefined>, databases: Map<string, string>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const [label, pid] of nodes) {
    const seconds = pid === undefined ? undefined : cpuSecondsOf(String(pid));
    if (seconds !== undefined) snapshot.set(label, seconds);
  }
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return snapshot;
  }
  for (const pid of pids) {
    let title: string;
    try {
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (!title.startsWith('postgres: ')) continue;
    for (const [database, label] of databases) {
      if (!title.includes(` ${database} `)) continue;
      snapshot.set(label, (snapshot.get(label) ?? 0) + (cpuSecondsOf(pid) ?? 0));
    }
  }
  return snapshot;
}

/** CPU seconds used between two snapshots, per label. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  return Object.fromEntries([...after].map(([label, seconds]) => [label, seconds - (before.get(label) ?? 0)]));
}
