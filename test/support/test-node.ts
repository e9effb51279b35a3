import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/kernel/vocabulary/role.js';
import type { Clock } from '../../src/common/clock.js';
import { validateNodeConfig } from '../../src/config/node-config.loader.js';
import type { NodeConfig, NodeConfigInput } from '../../src/config/node-config.schema.js';
import { openDataSource } from '../../src/database/data-source.js';
import { loadNodeIdentity } from '../../src/identity/node-identity.loader.js';
import { pkiPaths } from '../../src/identity/dev-federation.js';
import { createLogger } from '../../src/logging/logger.js';
import { createNodeApp } from '../../src/node-runtime.js';
import { standaloneOfficerAccounts } from '../../src/officers/officer-account.service.js';
import { createTestDatabase } from './test-database.js';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

/** A clock the tests can move. */
export class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

/** A config on a fresh PKI folder (`<tmp>/<id>` is the data folder, `<tmp>` the PKI root). */
export function testConfig(
  overrides: Partial<NodeConfigInput> = {},
  pkiDir = mkdtempSync(path.join(tmpdir(), 'fednode-test-pki-')),
): NodeConfig {
  const dataDir = path.join(pkiDir, overrides.id ?? 'kr-knpa');
  return validateNodeConfig(
    {
      id: 'kr-knpa',
      name: 'Korean National Police Agency',
      country: 'KR',
      dataDir,
      listen: { host: '127.0.0.1', port: 4000 },
      federation: { host: '127.0.0.1', port: 0 },
      database: { embeddedPort: 5433 },
      ...overrides,
    },
    'test',
  );
}

export interface MemberOptions {
  /** Where a peer answers; peers not named here get `fallbackUrl`. */
  peerUrls?: Record<string, string>;
  /** Default: a port on which nothing answers. */
  fallbackUrl?: string;
  /** The agencies whose CA is a trust anchor (default: every node of the federation). */
  trusted?: readonly string[];
}

/** One member of a test federation on the dev PKI in `pkiDir`: every other node is a peer. */
export function memberOptions(
  id: string,
  pkiDir: string,
  nodeIds: readonly string[],
  options: MemberOptions = {},
): Partial<NodeConfigInput> {
  const { peerUrls = {}, fallbackUrl = 'https://127.0.0.1:9', trusted = nodeIds } = options;
  return {
    id,
    name: id,
    country: id.startsWith('kr') ? 'KR' : id === 'asean-hub' ? 'ASEAN' : 'KH',
    peers: nodeIds.filter((peer) => peer !== id).map((peer) => ({ id: peer, url: peerUrls[peer] ?? fallbackUrl })),
    trust: { anchors: trusted.map((peer) => pkiPaths(pkiDir).anchor(peer)) },
  };
}

/** A node application on a fresh database, serving HTTP on a free port, with its log captured. */
export class TestNode {
  readonly logLines: string[] = [];
  private nestApp?: NestExpressApplication;
  private db?: DataSource;
  url = '';

  app(): NestExpressApplication {
    if (!this.nestApp) throw new Error('node not started');
    return this.nestApp;
  }

  constructor(
    readonly config: NodeConfig,
    readonly databaseUrl: string,
    readonly clock: MovableClock = new MovableClock(),
  ) {}

  static async start(name: string, overrides: Partial<NodeConfigInput> = {}, pkiDir?: string): Promise<TestNode> {
    const node = new TestNode(testConfig(overrides, pkiDir), await createTestDatabase(name));
    await node.listen();
    return node;
  }

  private async listen(): Promise<void> {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger({ level: 'debug', nodeId: this.config.id, destination: sink });
    const identity = await loadNodeIdentity(this.config, logger);
    this.nestApp = await createNodeApp({
      config: this.config,
      databaseUrl: this.databaseUrl,
      logger,
      identity,
      clock: this.clock,
    });
    await this.nestApp.listen(0, '127.0.0.1');
    const { port } = this.nestApp.getHttpServer().address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Closes the application and starts a new one on the same database and configuration (a restart). */
  async restart(): Promise<void> {
    await this.nestApp?.close();
    await this.listen();
  }

  /** Seeds an officer account directly, as the `npm run user` CLI would. */
  async createOfficer(
    username: string,
    roles: Role[],
    password = `${username}-password-123`,
  ): Promise<{ username: string; password: string }> {
    this.db ??= await openDataSource(this.databaseUrl);
    await standaloneOfficerAccounts(this.db, this.clock).create({ username, password, roles }, 'test');
    return { username, password };
  }

  async login(username: string, password: string): Promise<string> {
    const response = await this.graphql<{ login: { token: string } }>(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );
    if (!response.data?.login) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
    return response.data.login.token;
  }

  async officerToken(username: string, roles: Role[]): Promise<string> {
    const officer = await this.createOfficer(username, roles);
    return this.login(officer.username, officer.password);
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphqlResponse<T>, 'status'>;
    return { status: response.status, ...body };
  }

  async stop(): Promise<void> {
    await this.db?.destroy();
    await this.nestApp?.close();
  }
}
