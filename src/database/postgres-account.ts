import { execFile, spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The system account the embedded PostgreSQL runs as when the node runs as root (PostgreSQL refuses root). */
export interface PostgresAccount {
  name: string;
  uid: number;
  gid: number;
  groups: number[];
}

export class EmbeddedDatabaseError extends Error {}

const ACCOUNT = 'postgres';

async function lookUp(name: string): Promise<PostgresAccount | undefined> {
  try {
    const [uid, gid, groups] = await Promise.all(
      [
        ['-u', name],
        ['-g', name],
        ['-G', name],
      ].map((args) => run('id', args).then((r) => r.stdout.trim())),
    );
    return { name, uid: Number(uid), gid: Number(gid), groups: groups.split(/\s+/).map(Number) };
  } catch {
    return undefined;
  }
}

/**
 * undefined when the node does not run as root (PostgreSQL then runs as the node's own user).
 * As root, the `postgres` system account, created (no home, no login) if the machine has none.
 */
export async function postgresAccount(): Promise<PostgresAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await lookUp(ACCOUNT);
  if (found) return found;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', ACCOUNT]);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `PostgreSQL refuses to run as root and this machine has no "${ACCOUNT}" system user, which the node could not ` +
        `create (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Run the node as an ` +
        `ordinary user, create the user (useradd --system ${ACCOUNT}), or set DATABASE_URL.`,
    );
  }
  const created = await lookUp(ACCOUNT);
  if (!created) throw new EmbeddedDatabaseError(`the system user "${ACCOUNT}" was created but cannot be found`);
  return created;
}

function maySearch(dir: string, account: PostgresAccount): boolean {
  const { mode, uid, gid } = statSync(dir);
  if (uid === account.uid) return (mode & 0o100) !== 0;
  if (gid === account.gid || account.groups.includes(gid)) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

function describe(dir: string): string {
  const { mode, uid } = statSync(dir);
  return `${dir} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}, owner uid ${uid})`;
}

/**
 * The account must be able to pass through (search, x) every folder above `dir`. The node never changes
 * those folders itself: it says which ones block the way and what the user can do about it.
 */
export function assertReachable(dir: string, account: PostgresAccount): void {
  const blocking: string[] = [];
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (!maySearch(current, account)) blocking.unshift(current);
    if (current === path.dirname(current)) break;
  }
  if (blocking.length === 0 || reachableThroughAcl(dir, account)) return;
  const list = blocking.join(' ');
  throw new EmbeddedDatabaseError(
    `The embedded PostgreSQL cannot run as root, so it runs as the system user "${account.name}", which must be ` +
      `able to pass through every folder above its data (${dir}) to reach it. It may not pass through:\n` +
      blocking.map((blocked) => `  ${describe(blocked)}\n`).join('') +
      'The node does not change these folders itself. Do one of:\n' +
      '  - run the node as an ordinary user (recommended);\n' +
      `  - let only the ${account.name} user through, without listing anything: setfacl -m u:${account.name}:x ${list}\n` +
      `    (or, for every user: chmod o+x ${list});\n` +
      '  - keep the node data in a folder it can reach: FEDNODE_DATA_DIR=<folder>;\n' +
      '  - use a PostgreSQL of your own: DATABASE_URL=postgres://user:password@host:port/database',
  );
}

/** Access control lists can let the account through where the mode bits do not: ask the kernel. */
function reachableThroughAcl(dir: string, account: PostgresAccount): boolean {
  const setpriv = launcher();
  if (!setpriv) return false;
  const args = [`--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups', '--', 'test', '-x'];
  // Synchronous on purpose: one check at start-up, before anything runs.
  return spawnSync(setpriv, [...args, path.dirname(dir)], { stdio: 'ignore' }).status === 0;
}

let setprivPath: string | null | undefined;

/** util-linux `setpriv`, which switches the user and sets a parent-death signal before running PostgreSQL. */
function launcher(): string | null {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  if (process.platform !== 'linux') return setprivPath;
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':').concat(['/usr/bin', '/bin'])) {
    const candidate = path.join(dir, 'setpriv');
    if (dir && existsSync(candidate)) {
      setprivPath = candidate;
      break;
    }
  }
  return setprivPath;
}

export interface SpawnAsOptions {
  detached: boolean;
  stdio: StdioOptions;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs a PostgreSQL program as `account` (or as the node's user). With `setpriv` (util-linux, on every
 * usual Linux) it also gets SIGINT when the process that started it dies, even by SIGKILL, so no
 * database is ever left running without its node. Elsewhere the node's own shutdown stops it.
 */
export function spawnAs(
  account: PostgresAccount | undefined,
  binary: string,
  args: string[],
  options: SpawnAsOptions,
): ChildProcess {
  const setpriv = launcher();
  if (setpriv) {
    const identity = account ? [`--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups'] : [];
    return spawn(setpriv, [...identity, '--pdeathsig=INT', '--', binary, ...args], options);
  }
  return spawn(binary, args, { ...options, ...(account ? { uid: account.uid, gid: account.gid } : {}) });
}
