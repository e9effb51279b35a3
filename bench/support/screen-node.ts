import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { createDevFederation, pkiPaths } from '../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../src/identity/identity.test-helpers.js';
import { NodeProcess } from '../../test/support/node-process.js';
import { freePort } from './bench-postgres.js';

const NAMES: Record<string, [string, string]> = {
  'kh-cnp': ['Cambodian National Police', 'KH'],
  'kr-knpa': ['Korean National Police Agency', 'KR'],
  'kh-gdce': ['General Department of Customs and Excise', 'KH'],
  'kr-exchange-hanbit': ['Hanbit Exchange', 'KR'],
};

/**
 * One real node process (`node dist/main.js`) serving the officers' API, with a dev PKI that also
 * holds the partner origins whose keys sign the received watchlist entries. The node has no peers:
 * nothing but the benchmark's own requests runs in it (no push, pull or retries to absent partners).
 */
export class ScreenNode {
  readonly root = mkdtempSync(path.join(tmpdir(), 'fednode-bench-screen-'));
  process?: NodeProcess;
  url = '';
  /** An exchange's machine screening endpoint (plain HTTP, API key). */
  screeningUrl = '';

  constructor(
    readonly id: string,
    readonly origins: string[],
    readonly kind: 'agency' | 'exchange' = 'agency',
  ) {}

  async preparePki(): Promise<void> {
    await createDevFederation({ dataDir: this.root, nodeIds: [this.id, ...this.origins], kdf: FAST_KDF });
  }

  /** A config file for any node of the PKI (partner origins' files only serve to load their signing keys). */
  async configFile(id: string): Promise<string> {
    const [name, country] = NAMES[id] ?? [id, 'KH'];
    const port = await freePort();
    mkdirSync(path.join(this.root, 'config'), { recursive: true });
    const file = path.join(this.root, 'config', `${id}.yaml`);
    const exchange = id === this.id && this.kind === 'exchange';
    const screeningPort = exchange ? await freePort() : 0;
    const config = {
      id,
      name,
      country,
      mode: 'development',
      ...(exchange ? { kind: 'exchange', screening: { host: '127.0.0.1', port: screeningPort } } : {}),
      dataDir: path.join(this.root, id),
      listen: { host: '127.0.0.1', port },
      federation: { host: '127.0.0.1', port: await freePort() },
      peers: [],
      database: { embeddedPort: 1 },
      identity: { pkiDir: this.root },
      trust: { anchors: [this.id, ...this.origins].map((anchor) => pkiPaths(this.root).anchor(anchor)) },
      policies: { file: path.resolve('config', 'policies', `${this.id}.yaml`) },
      log: { level: 'info' },
    };
    writeFileSync(file, stringify(config));
    if (id === this.id) this.url = `http://127.0.0.1:${port}`;
    if (exchange) this.screeningUrl = `http://127.0.0.1:${screeningPort}`;
    return file;
  }

  async start(databaseUrl: string, nodeArgs: string[] = []): Promise<void> {
    const child = new NodeProcess({ NODE_CONFIG: await this.configFile(this.id), DATABASE_URL: databaseUrl }, nodeArgs);
    this.process = child;
    await child.waitForLog('node.started', 120_000);
  }

  /** SIGTERM (so that --cpu-prof can write its profile), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child?.running()) return;
    const killer = setTimeout(() => void child.stop('SIGKILL'), 15_000);
    await child.stop('SIGTERM');
    clearTimeout(killer);
  }

  logs(): string {
    return `${this.process?.stdout.slice(-3000) ?? ''}\n${this.process?.stderr.slice(-2000) ?? ''}`;
  }

  removeFiles(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
