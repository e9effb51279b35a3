import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { validateNodeConfig } from '../../../src/config/node-config.loader.js';
import type { SealedPacket } from '../../../src/envelope/packet-wire.js';
import { sealPacket } from '../../../src/envelope/packet-envelope.js';
import { PACKETS_PATH } from '../../../src/federation/partner-packet.client.js';
import { callPeer } from '../../../src/transport/peer-client.js';
import { pkiPaths } from '../../../src/identity/dev-federation.js';
import { parseNodeCertificate } from '../../../src/kernel/pki/node-certificate.js';
import { loadNodeIdentity, type NodeIdentity } from '../../../src/identity/node-identity.loader.js';

export interface SealOptions {
  to?: string[];
  createdAt?: Date;
  expiresInSeconds?: number;
  body?: Record<string, unknown>;
  /** Sign under another certificate (and its Ed25519 key) of this node than the current one. */
  signer?: { certificatePem: string; signingSecretKey: Uint8Array; signingPublicKey: Uint8Array };
}

export type PostResult = { status: number; body: unknown } | { refused: string };

/** A minimal case payload that kh-cnp's inbound policies accept from any partner. */
export function casePayload(reference: string): Record<string, unknown> {
  return {
    reference,
    title: 'Scam compound wallets seen by a partner',
    offenceCategories: ['ONLINE_SCAM'],
    tlp: 'GREEN',
    handlingCodes: ['INTELLIGENCE_ONLY'],
    sourceReliability: 'B',
    informationAccuracy: 2,
    identifiers: [{ id: 'w1', type: 'WALLET_EVM', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' }],
    policyVersion: 1,
    terms: { purpose: 'INVESTIGATION', retentionDays: 180, onwardSharing: { allowed: false, to: [] } },
  };
}

/**
 * The test standing in for a partner node: its real identity from the federation's PKI folder (keys,
 * certificate, TLS key), sealing real packets and posting them over real mutual TLS to a node process.
 * Lets a scenario send what a running node never would: tampered, misaddressed or mis-dated packets.
 */
export class PeerStandIn {
  private constructor(
    readonly identity: NodeIdentity,
    private readonly pkiDir: string,
  ) {}

  static async load(pkiDir: string, nodeId: string, anchorIds: string[]): Promise<PeerStandIn> {
    // Only what loading an identity reads (no app imports: bench:load uses this too).
    const config = validateNodeConfig(
      {
        id: nodeId,
        name: nodeId,
        country: 'KR',
        dataDir: path.join(pkiDir, nodeId),
        listen: { host: '127.0.0.1', port: 4000 },
        federation: { host: '127.0.0.1', port: 0 },
        database: { embeddedPort: 5433 },
        trust: { anchors: anchorIds.map((id) => pkiPaths(pkiDir).anchor(id)) },
      },
      'peer stand-in',
    );
    return new PeerStandIn(await loadNodeIdentity(config, pino({ level: 'silent' })), pkiDir);
  }

  get nodeId(): string {
    return this.identity.nodeId;
  }

  /** The same node presenting another certificate and TLS key (expired, revoked, from a rogue CA…). */
  withTlsCertificate(certificatePem: string, tlsKeyPem: string): PeerStandIn {
    return new PeerStandIn({ ...this.identity, certificatePem, tlsKeyPem }, this.pkiDir);
  }

  async seal(options: SealOptions = {}): Promise<SealedPacket> {
    const to = options.to ?? ['kh-cnp'];
    const createdAt = options.createdAt ?? new Date();
    const { signing } = this.identity.keys.current;
    const signer = options.signer ?? {
      certificatePem: this.identity.certificatePem,
      signingSecretKey: signing.privateKey,
      signingPublicKey: signing.publicKey,
    };
    return sealPacket({
      type: 'case',
      createdAt,
      expiresAt: new Date(createdAt.getTime() + (options.expiresInSeconds ?? 3600) * 1000),
      policyVersion: `${this.nodeId}/${to[0]}@1`,
      body: (options.body ?? casePayload(`REL-${Math.floor(Math.random() * 1e9)}`)) as never,
      sender: { nodeId: this.nodeId, ...signer },
      recipients: to.map((nodeId) => ({
        nodeId,
        x25519PublicKey: parseNodeCertificate(readFileSync(pkiPaths(this.pkiDir).nodeCert(nodeId), 'utf8'))
          .x25519PublicKey,
      })),
    });
  }

  /** Posts to the receiver's federation endpoint; a refused TLS connection is a result, not a throw. */
  async post(receiver: { id: string; federationPort: number }, packet: unknown): Promise<PostResult> {
    try {
      const response = await callPeer(
        this.identity,
        { id: receiver.id, url: `https://127.0.0.1:${receiver.federationPort}` },
        'POST',
        PACKETS_PATH,
        packet,
        60_000,
      );
      return { status: response.status, body: response.body };
    } catch (error) {
      return { refused: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** The reason code in a REJECTED receipt, or the HTTP status / refusal when there is none. */
export function outcomeOf(result: PostResult): string {
  if ('refused' in result) return 'TLS_REFUSED';
  const receipt = (result.body as { receipt?: { status: string; reason?: string } } | null)?.receipt;
  if (receipt?.status === 'ACCEPTED') return 'ACCEPTED';
  return receipt?.reason ?? `HTTP_${result.status}`;
}
