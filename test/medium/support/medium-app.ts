import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditModule } from '../../../src/audit/audit.module.js';
import { TransactionContext } from '../../../src/common/database/transaction-context.js';
import { TransactionModule } from '../../../src/common/database/transaction.module.js';
import { NodeConfigModule } from '../../../src/config/config.module.js';
import type { NodeConfig, NodeConfigInput } from '../../../src/config/node-config.schema.js';
import { typeOrmRoot } from '../../../src/database/data-source.js';
import { createDevFederation } from '../../../src/identity/dev-federation.js';
import { IdentityModule } from '../../../src/identity/identity.module.js';
import { FAST_KDF } from '../../../src/identity/identity.test-helpers.js';
import { loadNodeIdentity, type NodeIdentity } from '../../../src/identity/node-identity.loader.js';
import { createLogger } from '../../../src/logging/logger.js';
import { MetricsModule } from '../../../src/metrics/metrics.module.js';
import { PeerCaller } from '../../../src/transport/peer-caller.js';
import { JsonText } from '../../../src/transport/json-text.js';
import type { ProtocolVersion } from '../../../src/kernel/vocabulary/protocol-version.js';
import { PeerUnreachable, type PeerResponse } from '../../../src/transport/peer-client.js';
import { PeerEndpointServer } from '../../../src/transport/peer-endpoint.server.js';
import { createTestDatabase } from '../../support/test-database.js';
import { MovableClock, memberOptions, testConfig } from '../../support/test-node.js';

export interface MediumOptions {
  /** The domain modules under test (their own imports come with them). */
  imports: (Type | DynamicModule)[];
  nodeId?: string;
  /** The dev federation this node belongs to (its peers and trust anchors); default: kr-knpa and kh-cnp. */
  federation?: MediumFederation;
  config?: Partial<NodeConfigInput>;
}

/**
 * The nodes of one test file: a dev PKI made once with the fast KDF, and the in-process network that
 * connects them. A call to a peer reaches that peer's registered routes (PeerEndpointServer.answer),
 * as the peer endpoint would once TLS has named the caller; the body crosses as JSON, as on the wire.
 */
export class MediumFederation {
  readonly pkiDir = mkdtempSync(path.join(tmpdir(), 'fednode-medium-'));
  private ready?: Promise<unknown>;
  private readonly members = new Map<string, MediumApp>();
  private readonly cut = new Set<string>();
  private readonly held = new Map<string, Promise<void>>();

  constructor(readonly nodeIds: readonly string[] = ['kr-knpa', 'kh-cnp']) {}

  prepared(): Promise<unknown> {
    this.ready ??= createDevFederation({ dataDir: this.pkiDir, nodeIds: this.nodeIds, kdf: FAST_KDF });
    return this.ready;
  }

  /** A node's identity (keys, certificate) as its own process would load it, without starting it. */
  async identityOf(nodeId: string): Promise<NodeIdentity> {
    await this.prepared();
    const config = testConfig(memberOptions(nodeId, this.pkiDir, this.nodeIds), this.pkiDir);
    return loadNodeIdentity(config, createLogger({ level: 'silent', nodeId }));
  }

  join(app: MediumApp): void {
    this.members.set(app.config.id, app);
  }

  /** Calls to `nodeId` fail as an unreachable peer's would, until `heal`. */
  partition(nodeId: string): void {
    this.cut.add(nodeId);
  }

  heal(nodeId: string): void {
    this.cut.delete(nodeId);
  }

  /** Calls to `nodeId` wait until the returned function is called (a slow partner). */
  hold(nodeId: string): () => void {
    let release!: () => void;
    this.held.set(nodeId, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(nodeId);
      release();
    };
  }

  /** The PeerCaller of node `from`: its calls land in the peer's routes, or fail as an unreachable peer would. */
  callerFor(from: string): Pick<PeerCaller, 'call'> {
    return {
      call: async (peer, method, pathAndQuery, body, _timeoutMs, options = {}): Promise<PeerResponse> => {
        await this.held.get(peer.id);
        const target = this.members.get(peer.id);
        if (!target || this.cut.has(peer.id)) throw new PeerUnreachable(`${peer.id} cannot be reached`);
        // Through JSON as on the wire; a JsonText (a sealed packet, a receipt) is already its wire text.
        const text = (value: unknown) => (value instanceof JsonText ? value.text : JSON.stringify(value ?? null));
        const wireBody = body === undefined ? undefined : (JSON.parse(text(body)) as unknown);
        const url = new URL(pathAndQuery, 'https://peer');
        const protocol = (options.protocol ?? 1) as ProtocolVersion;
        const answer = await target.get(PeerEndpointServer).answer(from, method, url, wireBody, protocol);
        return {
          status: answer.status,
          body: JSON.parse(text(answer.body)) as unknown,
          peerCertificatePem: target.identityPem,
        };
      },
    };
  }
}

/**
 * The medium test tier: one node's domain modules in a Nest application context (no HTTP, no
 * GraphQL) on a fresh database of the shared test PostgreSQL, with the node's real identity, config,
 * audit trail and transaction context. Services are tested through their own methods.
 */
export class MediumApp {
  private constructor(
    /** The node's pino log, line by line (JSON). */
    readonly logLines: string[],
    readonly context: INestApplicationContext,
    readonly config: NodeConfig,
    readonly databaseUrl: string,
    readonly clock: MovableClock,
    readonly identityPem: string,
  ) {}

  static async create(options: MediumOptions): Promise<MediumApp> {
    const federation = options.federation ?? new MediumFederation();
    await federation.prepared();
    const nodeId = options.nodeId ?? federation.nodeIds[0];
    const config = testConfig(
      { ...memberOptions(nodeId, federation.pkiDir, federation.nodeIds), ...options.config },
      federation.pkiDir,
    );
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger({ level: 'debug', nodeId, destination: sink });
    const identity = await loadNodeIdentity(config, logger);
    const databaseUrl = await createTestDatabase(`medium_${nodeId}`);
    const clock = new MovableClock();

    const module = await Test.createTestingModule({
      imports: [
        NodeConfigModule.forRoot(config, logger, clock),
        IdentityModule.forRoot(identity),
        typeOrmRoot(databaseUrl, config.database.poolSize),
        TransactionModule,
        MetricsModule,
        AuditModule,
        ...options.imports,
      ],
    })
      .overrideProvider(PeerCaller)
      .useValue(federation.callerFor(nodeId))
      .setLogger(createLoggerSilencer())
      .compile();
    const app = new MediumApp(lines, module, config, databaseUrl, clock, identity.certificatePem);
    federation.join(app);
    await module.init();
    return app;
  }

  get<T>(type: Type<T>): T {
    return this.context.get(type, { strict: false });
  }

  /** The node's transaction context (its constructor is private: the token is the class itself). */
  get tx(): TransactionContext {
    return this.context.get(TransactionContext as unknown as Type<TransactionContext>);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** Nest's own start-up lines would only clutter the test output; the node's pino log is captured. */
function createLoggerSilencer() {
  const silent = () => undefined;
  return { log: silent, error: silent, warn: silent, debug: silent, verbose: silent, fatal: silent };
}
