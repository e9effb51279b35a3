import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadNodeConfig } from '../config/node-config.loader.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { openDataSource } from '../database/data-source.js';
import { openNodeDatabase } from '../database/node-database.js';
import { createDevFederation } from '../identity/dev-federation.js';
import { EXAMPLE_NODE_IDS } from '../kernel/pki/node-id.js';
import { standaloneOfficerAccounts } from '../officers/officer-account.service.js';
import { DEMO_PASSWORD, demoUsersFor } from './demo-accounts.js';

export const LOG_DIR = path.join('data', 'logs');

/** The config of an example node as the launcher runs it: its own embedded PostgreSQL. */
export function exampleConfig(id: string): NodeConfig {
  return loadNodeConfig({ file: `config/${id}.yaml`, env: { ...process.env, DATABASE_URL: '' } });
}

export function apiUrl(config: NodeConfig): string {
  return `http://${config.listen.host}:${config.listen.port}`;
}

/** True when the node answers /health/ready. */
export async function isServing(config: NodeConfig): Promise<boolean> {
  try {
    return (await fetch(`${apiUrl(config)}/health/ready`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

function logTail(id: string): string {
  try {
    const lines = readFileSync(path.join(LOG_DIR, `${id}.log`), 'utf8')
      .trimEnd()
      .split('\n');
    return lines.slice(-12).join('\n');
  } catch {
    return '';
  }
}

/**
 * The example nodes as child processes of this one. Each gets an IPC channel: if this process
 * dies, even by SIGKILL, every node sees the channel close and stops (and its database with it).
 * Logs go straight to data/logs/<node>.log, so they survive this process.
 */
export class ExampleFederation {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  /** Resolves with the id of the first node that exits while it should be running. */
  readonly unexpectedExit: Promise<string>;
  private reportExit!: (id: string) => void;

  constructor(private readonly out: (text: string) => void) {
    this.unexpectedExit = new Promise((resolve) => (this.reportExit = resolve));
  }

  /** Dev PKI, the nodes, then the demo accounts (through each node's running database). */
  async start(): Promise<void> {
    const report = await createDevFederation({ dataDir: 'data' });
    const created = report.steps.filter((s) => s.action !== 'skipped').length;
    this.out(created ? `dev PKI: ${created} files created under data/\n` : 'dev PKI: in place\n');
    const configs = EXAMPLE_NODE_IDS.map(exampleConfig);
    const busy = (await Promise.all(configs.map(async (c) => ((await isServing(c)) ? c.id : '')))).filter(Boolean);
    if (busy.length) {
      throw new Error(
        `${busy.join(', ')} already answer${busy.length === 1 ? 's' : ''} on ${busy.map((id) => apiUrl(configs.find((c) => c.id === id)!)).join(', ')}: ` +
          'stop those nodes first (Ctrl-C where they run)',
      );
    }
    mkdirSync(LOG_DIR, { recursive: true });
    for (const config of configs) this.spawnNode(config.id);
    this.out(`starting ${configs.length} nodes (first start: several minutes); logs in ${LOG_DIR}/\n`);
    await Promise.all(configs.map((config) => this.waitUntilServing(config)));
    for (const config of configs) await seedDemoAccounts(config);
  }

  private spawnNode(id: string): void {
    const log = openSync(path.join(LOG_DIR, `${id}.log`), 'a');
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { ...process.env, NODE_CONFIG: `config/${id}.yaml`, DATABASE_URL: '' },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    child.on('exit', (code, signal) => {
      this.children.delete(id);
      if (this.stopping) return;
      this.out(`${id} exited (${signal ?? code}); its log, ${LOG_DIR}/${id}.log, ends with:\n${logTail(id)}\n`);
      this.reportExit(id);
    });
    this.children.set(id, child);
  }

  private async waitUntilServing(config: NodeConfig): Promise<void> {
    // Five nodes and five PostgreSQL servers starting at once on a small, busy machine take a while.
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      if (!this.children.has(config.id)) throw new Error(`${config.id} did not start`);
      if (await isServing(config)) {
        this.out(`  ${config.id} ready\n`);
        return;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`${config.id} did not become ready in 5 minutes; see ${LOG_DIR}/${config.id}.log`);
  }

  /** Stops every node (each stops its database) and waits until all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
        }),
    );
    await Promise.all(exits);
  }
}

/** Demo accounts on a running node, through its embedded database (reused, not started again). */
async function seedDemoAccounts(config: NodeConfig): Promise<void> {
  const database = await openNodeDatabase(config);
  try {
    const db = await openDataSource(database.url);
    try {
      const accounts = standaloneOfficerAccounts(db);
      for (const user of demoUsersFor(config.kind)) {
        if (!(await accounts.findByUsername(user.username)))
          await accounts.create({ username: user.username, password: DEMO_PASSWORD, roles: user.roles }, 'demo');
      }
    } finally {
      await db.destroy();
    }
  } finally {
    await database.stop();
  }
}
