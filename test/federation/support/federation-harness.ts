import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { Role } from '../../../src/kernel/vocabulary/role.js';
import { openDataSource } from '../../../src/database/data-source.js';
import { createDevFederation, pkiPaths } from '../../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../../src/identity/identity.test-helpers.js';
import { standaloneOfficerAccounts } from '../../../src/officers/officer-account.service.js';
import { freePort } from '../../support/free-port.mjs';
import { NodeProcess } from '../../support/node-process.js';
import { createTestDatabase, sql } from '../../support/test-database.js';
import { LinkProxy } from './link-proxy.js';

const NAMES: Record<string, [string, string]> = {
  'kr-knpa': ['Korean National Police Agency', 'KR'],
  'kr-kcs': ['Korea Customs Service', 'KR'],
  'kh-gdce': ['General Department of Customs and Excise of Cambodia', 'KH'],
  'kh-cnp': ['Cambodian National Police', 'KH'],
  'asean-hub': ['ASEAN regional information-sharing hub', 'ASEAN'],
  'kr-exchange-hanbit': ['Hanbit Exchange', 'KR'],
  'global-exchange-meridian': ['Meridian Exchange', 'SG'],
};

/** An agency or an exchange, as the shipped example config says. */
function kindOf(id: string): 'agency' | 'exchange' {
  const example = parse(readFileSync(path.join('config', `${id}.yaml`), 'utf8')) as { kind?: 'agency' | 'exchange' };
  return example.kind ?? 'agency';
}

interface NodeSlot {
  id: string;
  apiPort: number;
  federationPort: number;
  /** Exchanges: the screening endpoint (API key) and its mutual-TLS twin. */
  screeningPort?: number;
  screeningTlsPort?: number;
  databaseUrl: string;
  configFile: string;
  processes: NodeProcess[];
}

/**
 * Real node processes (`node dist/main.js`) of the example federation on loopback: one database each
 * on the test PostgreSQL, a dev PKI in a temporary folder, free ports, real mutual TLS between them.
 */
export class FederationHarness {
  readonly root = mkdtempSync(path.join(tmpdir(), 'fednode-federation-'));
  private readonly slots = new Map<string, NodeSlot>();
  private readonly tokens = new Map<string, string>();
  /** `from>to`: the link `from` uses to reach `to`. */
  private readonly links = new Map<string, { proxy: LinkProxy; port: number }>();

  constructor(
    readonly nodeIds: string[],
    private readonly federationOverrides: Record<string, unknown> = {},
    /** Top-level config keys per node id, and under '*' for every node, e.g. `{ 'kr-knpa': { metrics: { anonymous: true } } }`. */
    private readonly nodeOverrides: Record<string, Record<string, unknown>> = {},
  ) {}

  async prepare(): Promise<void> {
    await createDevFederation({ dataDir: this.root, nodeIds: this.nodeIds, kdf: FAST_KDF });
    for (const id of this.nodeIds) {
      this.slots.set(id, {
        id,
        apiPort: await freePort(),
        federationPort: await freePort(),
        ...(kindOf(id) === 'exchange' ? { screeningPort: await freePort(), screeningTlsPort: await freePort() } : {}),
        databaseUrl: await createTestDatabase(`fed_${id.replace('-', '_')}`),
        configFile: path.join(this.root, 'config', `${id}.yaml`),
        processes: [],
      });
    }
    for (const from of this.nodeIds) {
      for (const to of this.nodeIds.filter((id) => id !== from)) {
        const proxy = new LinkProxy(() => this.slot(to).federationPort);
        this.links.set(`${from}>${to}`, { proxy, port: await proxy.start() });
      }
    }
    mkdirSync(path.join(this.root, 'config'), { recursive: true });
    for (const slot of this.slots.values()) writeFileSync(slot.configFile, stringify(this.configOf(slot)));
  }

  private configOf(slot: NodeSlot): Record<string, unknown> {
    const [name, country] = NAMES[slot.id];
    return {
      id: slot.id,
      name,
      country,
      mode: 'development',
      kind: kindOf(slot.id),
      dataDir: path.join(this.root, slot.id),
      listen: { host: '127.0.0.1', port: slot.apiPort },
      federation: {
        host: '127.0.0.1',
        port: slot.federationPort,
        retryBaseSeconds: 0.5,
        maxRetryDelaySeconds: 2,
        requestTimeoutSeconds: 10,
        watchlistPushIntervalMs: 200,
        watchlistPullSeconds: 3,
        ...this.federationOverrides,
      },
      peers: [...this.slots.values()]
        .filter((peer) => peer.id !== slot.id)
        .map((peer) => ({
          id: peer.id,
          name: NAMES[peer.id][0],
          url: `https://127.0.0.1:${this.links.get(`${slot.id}>${peer.id}`)!.port}`,
          kind: kindOf(peer.id),
        })),
      ...(slot.screeningPort
        ? {
            screening: {
              host: '127.0.0.1',
              port: slot.screeningPort,
              tlsPort: slot.screeningTlsPort,
              systemsRefreshSeconds: 2,
            },
          }
        : {}),
      database: { embeddedPort: 1 },
      identity: { pkiDir: this.root },
      trust: { anchors: this.nodeIds.map((id) => pkiPaths(this.root).anchor(id)) },
      policies: { file: path.resolve('config', 'policies', `${slot.id}.yaml`) },
      log: { level: 'info' },
      ...this.nodeOverrides['*'],
      ...this.nodeOverrides[slot.id],
    };
  }

  slot(id: string): NodeSlot {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`no node ${id} in this federation`);
    return slot;
  }

  /** Starts a process of the node; a second call starts a replica on other ports (same database). */
  async start(id: string, extraEnv: Record<string, string> = {}): Promise<NodeProcess> {
    const slot = this.slot(id);
    const replica = slot.processes.filter((p) => p.running()).length > 0;
    const env: Record<string, string> = { NODE_CONFIG: slot.configFile, DATABASE_URL: slot.databaseUrl, ...extraEnv };
    if (replica) Object.assign(env, { PORT: String(await freePort()), FEDERATION_PORT: String(await freePort()) });
    const node = new NodeProcess(env);
    slot.processes.push(node);
    await node.waitForLog('node.started', 90_000);
    return node;
  }

  async startAll(): Promise<void> {
    await Promise.all(this.nodeIds.map((id) => this.start(id)));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.slots.values()].flatMap((slot) => slot.processes.map((p) => p.stop('SIGKILL'))));
    await Promise.all([...this.links.values()].map(({ proxy }) => proxy.stop()));
  }

  /** Cuts the network between two nodes, both ways. */
  partition(a: string, b: string): void {
    this.links.get(`${a}>${b}`)!.proxy.cut();
    this.links.get(`${b}>${a}`)!.proxy.cut();
  }

  heal(a: string, b: string): void {
    this.links.get(`${a}>${b}`)!.proxy.restore();
    this.links.get(`${b}>${a}`)!.proxy.restore();
  }

  apiUrl(id: string, processIndex = 0): string {
    const slot = this.slot(id);
    const started = slot.processes[processIndex]?.logEntries().find((e) => e.event === 'node.started');
    return started ? String(started.graphql).replace(/\/graphql$/, '') : `http://127.0.0.1:${slot.apiPort}`;
  }

  /** Creates (once) an officer on a node, directly in its database, and logs in through GraphQL. */
  async token(id: string, username: string, roles: Role[]): Promise<string> {
    const key = `${id}/${username}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const db = await openDataSource(this.slot(id).databaseUrl);
    try {
      await standaloneOfficerAccounts(db).create({ username, password: `${username}-password-1`, roles }, 'test');
    } finally {
      await db.destroy();
    }
    const response = await this.graphql<{ login: { token: string } }>(
      id,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      {
        u: username,
        p: `${username}-password-1`,
      },
    );
    if (!response.data) throw new Error(`login on ${id} failed: ${JSON.stringify(response.errors)}`);
    this.tokens.set(key, response.data.login.token);
    return response.data.login.token;
  }

  async graphql<T>(
    id: string,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    processIndex = 0,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
    const response = await fetch(`${this.apiUrl(id, processIndex)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  }

  sql<T = Record<string, unknown>>(id: string, text: string, params: unknown[] = []): Promise<T[]> {
    return sql<T>(this.slot(id).databaseUrl, text, params);
  }

  /** Everything the node processes wrote, for a failing test's message. */
  logs(): string {
    return [...this.slots.values()]
      .flatMap((slot) =>
        slot.processes.map((p, i) => `--- ${slot.id}#${i}\n${p.stdout.slice(-4000)}\n${p.stderr.slice(-2000)}`),
      )
      .join('\n');
  }
}

export { eventually } from '../../support/eventually.js';
