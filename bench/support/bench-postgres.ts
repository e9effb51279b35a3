import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningDatabase } from '../../src/database/embedded-postgres.js';

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/**
 * The PostgreSQL the benchmark runs on: DATABASE_URL when given (as the tests do), otherwise an
 * embedded cluster in a temporary folder. Databases it creates are dropped again by `stop`.
 */
export class BenchPostgres {
  private readonly created: string[] = [];

  private constructor(
    readonly adminUrl: string,
    readonly description: string,
    private readonly embedded?: { database: RunningDatabase; dir: string },
  ) {}

  static async start(log: (line: string) => void): Promise<BenchPostgres> {
    if (process.env.DATABASE_URL) return new BenchPostgres(process.env.DATABASE_URL, 'PostgreSQL from DATABASE_URL');
    const dir = mkdtempSync(path.join(tmpdir(), 'fednode-bench-pg-'));
    chmodSync(dir, 0o711); // as root, the postgres user passes through it (x only)
    log(`starting an embedded PostgreSQL in ${dir}`);
    const database = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), databaseName: 'postgres' });
    return new BenchPostgres(database.url, 'embedded PostgreSQL (embedded-postgres package)', { database, dir });
  }

  /** The embedded cluster's postmaster, for CPU accounting; undefined for a server from DATABASE_URL. */
  postmasterPid(): number | undefined {
    if (!this.embedded) return undefined;
    try {
      return Number(readFileSync(path.join(this.embedded.dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  }

  /** A fresh, empty database; returns its URL. */
  async createDatabase(prefix: string): Promise<string> {
    const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(3).toString('hex')}`;
    await this.admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
    this.created.push(name);
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async version(): Promise<string> {
    return this.admin(async (client) => String((await client.query('SHOW server_version')).rows[0].server_version));
  }

  async stop(): Promise<void> {
    if (this.embedded) {
      await this.embedded.database.stop().catch(() => undefined);
      rmSync(this.embedded.dir, { recursive: true, force: true });
      return;
    }
    // On someone else's server: leave nothing behind.
    for (const name of this.created.splice(0)) {
      await this.admin((client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      ).catch(() => undefined);
    }
  }

  private async admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

/** One short-lived connection for a query. */
export async function query<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
