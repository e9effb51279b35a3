import { type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmbeddedDatabaseError, spawnAs, type PostgresAccount } from './postgres-account.js';

/** sun_path is 108 bytes on Linux; PostgreSQL needs the socket's full path (and a NUL) to fit. */
const MAX_SOCKET_PATH = 107;

export interface LaunchOptions {
  binary: string;
  account: PostgresAccount | undefined;
  clusterDir: string;
  port: number;
  /** Where PostgreSQL writes its log (an open file: the server outlives no pipe of ours). */
  logFd: number;
  logFile: string;
  /** Size of the log before this start, to quote only this start's lines on failure. */
  logOffset: number;
  /** Resolves once the server answers the node (over TCP, with its password). */
  ready: () => Promise<void>;
}

export interface LaunchedCluster {
  stop(): Promise<void>;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

/**
 * The Unix socket and its lock go in the cluster's own folder (0700, the database account's): no other
 * user can reach it, and two checkouts on one machine never meet in /tmp. A folder too deep for a
 * socket path gets none (the node itself connects over TCP).
 */
/** The cluster's own folder, or '' (no Unix socket) when the socket's path would be too long. */
export function socketDirectory(clusterDir: string, port: number): string {
  return Buffer.byteLength(path.join(clusterDir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH ? clusterDir : '';
}

/** The postmaster's own status line (postmaster.pid, line 8): "ready" once it accepts connections. */
function postmasterStatus(clusterDir: string, pid: number | undefined): string | undefined {
  try {
    const lines = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    return Number(lines[0]) === pid ? lines[7]?.trim() : undefined;
  } catch {
    return undefined;
  }
}

function logSince(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

function startFailure(options: LaunchOptions, exit: Exit): EmbeddedDatabaseError {
  const log = logSince(options.logFile, options.logOffset);
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(log)) {
    return new EmbeddedDatabaseError(
      `The embedded PostgreSQL cannot listen on 127.0.0.1:${options.port}: another program already uses that ` +
        'port (a node of another checkout, or a PostgreSQL of this machine). Give this node another port, the ' +
        `same for npm start and npm run user, e.g. FEDNODE_DATABASE__EMBEDDED_PORT=${options.port + 100} ` +
        '(or database.embeddedPort in its config file), or set DATABASE_URL to a PostgreSQL of your own.',
    );
  }
  const lines = log
    .split('\n')
    .filter((line) => /FATAL|PANIC|ERROR/.test(line))
    .slice(-3)
    .join('\n  ');
  const cause = exit.error ? exit.error.message : `exit ${exit.signal ?? exit.code}`;
  return new EmbeddedDatabaseError(
    `The embedded PostgreSQL (data in ${options.clusterDir}) did not start (${cause})` +
      (lines ? `:\n  ${lines}\n` : '. ') +
      `Its log: ${options.logFile}`,
  );
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Starts `postgres` in a session of its own and waits until it serves the node. */
export async function launchCluster(options: LaunchOptions): Promise<LaunchedCluster> {
  const args = ['-D', options.clusterDir, '-p', String(options.port)];
  args.push('-c', 'listen_addresses=127.0.0.1');
  args.push('-c', `unix_socket_directories=${socketDirectory(options.clusterDir, options.port)}`);
  args.push('-c', 'password_encryption=scram-sha-256');
  const child = spawnAs(options.account, options.binary, args, {
    detached: true, // its own session: a terminal's Ctrl-C reaches the node, never the database
    stdio: ['ignore', options.logFd, options.logFd],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  let exit: Exit | undefined;
  const exited = exitOf(child).then((result) => (exit = result));
  child.unref();

  const stop = async () => {
    if (exit || child.pid === undefined) return;
    child.ref();
    child.kill('SIGINT'); // fast shutdown: open sessions are ended, the data is left consistent
    const hard = setTimeout(() => child.kill('SIGQUIT'), 60_000);
    await exited;
    clearTimeout(hard);
  };

  const deadline = Date.now() + 180_000; // a first start on a loaded machine is slow
  for (;;) {
    if (exit) throw startFailure(options, exit);
    // Only once our own postmaster says it is ready does the node send its password to the port.
    if (postmasterStatus(options.clusterDir, child.pid) === 'ready') {
      try {
        await options.ready();
        return { stop };
      } catch {
        // not accepting connections yet
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL (data in ${options.clusterDir}) did not become ready in 3 minutes; its log: ${options.logFile}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a PostgreSQL tool (initdb) to the end; rejects with its error output. */
export function runToCompletion(account: PostgresAccount | undefined, binary: string, args: string[]): Promise<void> {
  const child = spawnAs(account, binary, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(binary)} failed (${signal ?? code}): ${output.trim().slice(-2000)}`));
    });
  });
}
