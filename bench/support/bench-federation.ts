import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { createDevFederation, pkiPaths } from '../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../src/identity/identity.test-helpers.js';
import { NodeProcess } from '../../test/support/node-process.js';
import { freePort, type BenchPostgres } from './bench-postgres.js';

const NAMES: Record<string, [string, string]> = {
  'kr-knpa': ['Korean National Police Agency', 'KR'],
  'kh-cnp': ['Cambodian National Police', 'KH'],
  'asean-hub': ['ASEAN regional information-sharing hub', 'ASEAN'],
};

export interface BenchNode {
  id: string;
  databaseUrl: string;
  configFile: string;
  process?: NodeProcess;
}

/**
 * Two real node processes (`node dist/main.js`) on loopback, each with its own database, a dev PKI in
 * a temporary folder and real mutual TLS between them. The federation settings are the node's
 * defaults (push check every 500 ms, pull every 30 s, pages of the runner's size): nothing is tuned
 * for the benchmark.
 */
export class BenchFederation {
  readonly root = mkdtempSync(path.join(tmpdir(), 'fednode-bench-'));
  private readonly nodes = new Map<string, BenchNode>();

  constructor(readonly nodeIds: string[] = Object.keys(NAMES)) {}

  /** The PKI, once for all runs. */
  async preparePki(): Promise<void> {
    await createDevFederation({ dataDir: this.root, nodeIds: this.nodeIds, kdf: FAST_KDF });
  }

  /** Fresh databases, ports and config files (a new, empty federation on the same PKI). */
  async reset(postgres: BenchPostgres, label: string): Promise<void> {
    const ports = new Map<string, { api: number; federation: number }>();
    for (const id of this.nodeIds) ports.set(id, { api: await freePort(), federation: await freePort() });
    mkdirSync(path.join(this.root, 'config'), { recursive: true });
    for (const id of this.nodeIds) {
      const node: BenchNode = {
        id,
        databaseUrl: await postgres.createDatabase(`bench_${label}_${id.replace('-', '_')}`),
        configFile: path.join(this.root, 'config', `${id}-${label}.yaml`),
      };
      const [name, country] = NAMES[id];
      const config = {
        id,
        name,
        country,
        mode: 'development',
        dataDir: path.join(this.root, id),
        listen: { host: '127.0.0.1', port: ports.get(id)!.api },
        federation: { host: '127.0.0.1', port: ports.get(id)!.federation },
        peers: this.nodeIds
          .filter((peer) => peer !== id)
          .map((peer) => ({ id: peer, url: `https://127.0.0.1:${ports.get(peer)!.federation}` })),
        database: { embeddedPort: 1 },
        identity: { pkiDir: this.root },
        trust: { anchors: this.nodeIds.map((anchor) => pkiPaths(this.root).anchor(anchor)) },
        policies: { file: path.resolve('config', 'policies', `${id}.yaml`) },
        log: { level: 'info' },
        // bench:load reads the node's heap from its own /metrics (these nodes live only for the run).
        metrics: { anonymous: true },
      };
      writeFileSync(node.configFile, stringify(config));
      this.nodes.set(id, node);
    }
  }

  node(id: string): BenchNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`no node ${id}`);
    return node;
  }

  async start(id: string, nodeArgs: string[] = []): Promise<NodeProcess> {
    const node = this.node(id);
    const child = new NodeProcess({ NODE_CONFIG: node.configFile, DATABASE_URL: node.databaseUrl }, nodeArgs);
    node.process = child;
    await child.waitForLog('node.started', 120_000);
    return child;
  }

  /** SIGTERM (so that --cpu-prof can write its profile), SIGKILL after 15 s. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.nodes.values()].map(async (node) => {
        const child = node.process;
        if (!child?.running()) return;
        const killer = setTimeout(() => void child.stop('SIGKILL'), 15_000);
        await child.stop('SIGTERM');
        clearTimeout(killer);
      }),
    );
  }

  logs(): string {
    return [...this.nodes.values()]
      .map((n) => `--- ${n.id}\n${n.process?.stdout.slice(-3000) ?? ''}\n${n.process?.stderr.slice(-2000) ?? ''}`)
      .join('\n');
  }

  removeFiles(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
