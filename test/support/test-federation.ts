import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NodeConfigInput } from '../../src/config/node-config.schema.js';
import { createDevFederation, pkiPaths } from '../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../src/identity/identity.test-helpers.js';
import { PeerEndpointServer } from '../../src/transport/peer-endpoint.server.js';
import { freePort } from './free-port.mjs';
import { memberOptions, TestNode } from './test-node.js';

/** Where a peer that is not linked is said to answer. */
export type Fallback = 'nothing-listens' | 'dead-port' | { url: string };

export interface FederationOptions {
  /** The agencies whose CA is a trust anchor of every member (default: every node id). */
  trusted?: readonly string[];
  /**
   * The URL of a peer not linked: `nothing-listens` (default) is port 9, which refuses at once;
   * `dead-port` is a port free when the federation starts, so a test can tell its member's calls apart.
   */
  fallback?: Fallback;
  /** The node ids that are exchanges: their own configuration and every peer entry naming them say so. */
  exchanges?: readonly string[];
}

export interface MemberSpec {
  /** The node id, one of the federation's. */
  id: string;
  /** The prefix of the member's fresh test database. */
  database: string;
  /** How `node()` and `peerUrl()` name this member (default: its id); two members of one id need two keys. */
  key?: string;
  /** Members already started whose live peer endpoint this member calls (by key). */
  linkTo?: readonly string[];
  /** Trust anchors of this member alone (default: the federation's). */
  trusted?: readonly string[];
  /** Laid over the member's generated configuration (id, name, country, peers, trust): the last word. */
  config?: Partial<NodeConfigInput>;
}

/**
 * A federation on one dev PKI, with some of its nodes running in this process.
 * The PKI is created once, on the first start; `stop()` stops every member and removes the PKI folder.
 */
export class TestFederation {
  /** The PKI root: `<pkiDir>/<id>` is a node's data folder. */
  readonly pkiDir: string;
  private readonly members = new Map<string, TestNode>();
  private ready?: Promise<void>;
  private fallbackUrl?: string;

  constructor(
    name: string,
    readonly nodeIds: readonly string[],
    private readonly options: FederationOptions = {},
  ) {
    this.pkiDir = mkdtempSync(path.join(tmpdir(), `fednode-${name}-`));
  }

  /** Starts members one after another, so a member can link to those before it; returns them in order. */
  async start(...specs: MemberSpec[]): Promise<TestNode[]> {
    await this.prepare();
    const started: TestNode[] = [];
    for (const spec of specs) started.push(await this.startMember(spec));
    return started;
  }

  /** Starts members at once (none can link to another); returns them in order. */
  async startTogether(...specs: MemberSpec[]): Promise<TestNode[]> {
    if (specs.some((spec) => spec.linkTo?.length)) throw new Error('members started together cannot link');
    await this.prepare();
    return Promise.all(specs.map((spec) => this.startMember(spec)));
  }

  node(key: string): TestNode {
    const node = this.members.get(key);
    if (!node) throw new Error(`no member ${key} is running`);
    return node;
  }

  /** The mutual-TLS endpoint where a running member answers its peers. */
  peerUrl(key: string): string {
    return `https://127.0.0.1:${this.node(key).app().get(PeerEndpointServer).port()}`;
  }

  /** The path of an agency's CA certificate as a trust anchor (the file exists once a member has started). */
  anchor(id: string): string {
    return pkiPaths(this.pkiDir).anchor(id);
  }

  /** Stops every member, latest first, even if one fails; then removes the PKI folder. */
  async stop(): Promise<void> {
    const failures: unknown[] = [];
    for (const node of [...this.members.values()].reverse()) {
      try {
        await node.stop();
      } catch (error) {
        failures.push(error);
      }
    }
    this.members.clear();
    rmSync(this.pkiDir, { recursive: true, force: true });
    if (failures.length) throw new AggregateError(failures, `${failures.length} member(s) failed to stop`);
  }

  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      const { fallback = 'nothing-listens' } = this.options;
      if (fallback === 'dead-port') this.fallbackUrl = `https://127.0.0.1:${await freePort()}`;
      else if (fallback !== 'nothing-listens') this.fallbackUrl = fallback.url;
      await createDevFederation({ dataDir: this.pkiDir, nodeIds: this.nodeIds, kdf: FAST_KDF });
    })();
    return this.ready;
  }

  private async startMember(spec: MemberSpec): Promise<TestNode> {
    const key = spec.key ?? spec.id;
    if (this.members.has(key)) throw new Error(`member ${key} is already running`);
    const peerUrls = Object.fromEntries(
      (spec.linkTo ?? []).map((peer) => [this.node(peer).config.id, this.peerUrl(peer)]),
    );
    const generated = memberOptions(spec.id, this.pkiDir, this.nodeIds, {
      peerUrls,
      fallbackUrl: this.fallbackUrl,
      trusted: spec.trusted ?? this.options.trusted,
    });
    const node = await TestNode.start(spec.database, { ...this.withKinds(generated), ...spec.config }, this.pkiDir);
    this.members.set(key, node);
    return node;
  }

  /** Marks the exchanges, in the member's own configuration and in its peer list (an agency is the default). */
  private withKinds(config: Partial<NodeConfigInput>): Partial<NodeConfigInput> {
    const { exchanges = [] } = this.options;
    if (!exchanges.length) return config;
    return {
      ...config,
      kind: exchanges.includes(config.id ?? '') ? 'exchange' : 'agency',
      peers: config.peers?.map((peer) => (exchanges.includes(peer.id) ? { ...peer, kind: 'exchange' as const } : peer)),
    };
  }
}
