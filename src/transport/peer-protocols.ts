import { Inject, Injectable } from '@nestjs/common';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { commonProtocolVersion, type ProtocolVersion } from '../kernel/vocabulary/protocol-version.js';
import { describeIssue, wireValidator } from '../kernel/wire/wire-schemas.js';
import { PeerUnreachable } from './peer-client.js';
import { PeerCaller } from './peer-caller.js';

export const HELLO_PATH = '/federation/v1/hello';
const helloSchema = wireValidator<{ node: string; peer: string; protocolVersions?: number[] }>('hello');
/** A partner upgrades rarely; asking again every few minutes is enough to notice. */
const REMEMBER_MS = 5 * 60_000;

/**
 * Which protocol version to speak with each partner (docs/PROTOCOL.md §15): the newest both speak, read
 * from the partner's `hello` (`protocolVersions`, absent for a node of version 1) and remembered a while.
 */
@Injectable()
export class PeerProtocols {
  private readonly known = new Map<string, { version: ProtocolVersion; until: number }>();

  constructor(
    private readonly peers: PeerCaller,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Throws PeerUnreachable when the partner cannot be asked, or Error when it speaks no version we speak. */
  async versionFor(peer: { id: string; url: string }): Promise<ProtocolVersion> {
    const remembered = this.known.get(peer.id);
    if (remembered && remembered.until > Date.now()) return remembered.version;
    const timeoutMs = this.config.federation.requestTimeoutSeconds * 1000;
    const response = await this.peers.call(peer, 'GET', HELLO_PATH, undefined, timeoutMs);
    if (response.status !== 200) throw new PeerUnreachable(`${peer.id} answered HTTP ${response.status} to hello`);
    const hello = helloSchema.safeParse(response.body);
    if (!hello.success)
      throw new PeerUnreachable(`${peer.id} answered hello with ${describeIssue(hello.error.issues[0])}`);
    const list = hello.data.protocolVersions;
    const version = commonProtocolVersion(list);
    if (version === undefined)
      throw new Error(`${peer.id} speaks protocol versions ${list?.join(', ')}, none of which this node speaks`);
    this.known.set(peer.id, { version, until: Date.now() + REMEMBER_MS });
    return version;
  }
}
