import { randomBytes } from 'node:crypto';
import type { NodeIdentity } from '../identity/node-identity.loader.js';
import { sealPacket } from '../envelope/packet-envelope.js';
import { serializePacket, type SealedPacket } from '../envelope/packet-wire.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import { parseNodeCertificate } from '../kernel/pki/node-certificate.js';
import { PROTOCOL_HEADER } from '../kernel/vocabulary/protocol-version.js';
import { request as httpsRequest } from 'node:https';
import { peerTlsOptions } from '../transport/peer-tls.js';

/** What the partner answered, kept raw: the kit checks bytes (canonical forms), not only values. */
export interface RawAnswer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
  peerCertificatePem: string;
}

export interface PartnerUnderTest {
  id: string;
  url: string;
}

/**
 * Our side of the exchanges, as the node plays it: requests over mutual TLS with our real certificate and
 * keys, and packets sealed to the partner's certificate as its endpoint presents it (PROTOCOL.md §12.6).
 * Raw bodies in and out, so that the kit can send what a node never would.
 */
export class ConformanceClient {
  private partnerX25519?: Uint8Array;

  constructor(
    readonly identity: NodeIdentity,
    readonly partner: PartnerUnderTest,
    private readonly timeoutMs = 20_000,
  ) {}

  call(method: 'GET' | 'POST', path: string, body?: string, protocol = '2'): Promise<RawAnswer> {
    const url = new URL(path, this.partner.url);
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method,
          ...peerTlsOptions(this.identity),
          servername: undefined,
          checkServerIdentity: () => undefined, // the node id is checked below, on the certificate itself
          agent: false,
          timeout: this.timeoutMs,
          headers: {
            accept: 'application/json',
            [PROTOCOL_HEADER]: protocol,
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const raw = (res.socket as import('node:tls').TLSSocket).getPeerX509Certificate();
            const presented = raw ? safeNodeId(raw.toString()) : undefined;
            if (presented !== this.partner.id) {
              reject(new Error(`the endpoint presented a certificate of ${presented}, not of ${this.partner.id}`));
              return;
            }
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
              peerCertificatePem: raw?.toString() ?? '',
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The partner's X25519 key, from the certificate its endpoint presents, checked to name the partner. */
  async partnerKey(): Promise<Uint8Array> {
    if (this.partnerX25519) return this.partnerX25519;
    const { peerCertificatePem } = await this.call('GET', '/federation/v1/hello');
    return (this.partnerX25519 = parseNodeCertificate(peerCertificatePem).x25519PublicKey);
  }

  /** A packet of ours to the partner (or to `to`), valid unless the options make it otherwise. */
  async seal(
    body: JsonValue,
    options: { to?: string; createdAt?: Date; lifetimeSeconds?: number; packetId?: string } = {},
  ): Promise<{ packet: SealedPacket; wire: string }> {
    const createdAt = options.createdAt ?? new Date();
    const { signing } = this.identity.keys.current;
    const packet = await sealPacket({
      packetId: options.packetId,
      type: 'case',
      createdAt,
      expiresAt: new Date(createdAt.getTime() + (options.lifetimeSeconds ?? 3600) * 1000),
      policyVersion: `${this.identity.nodeId}/${this.partner.id}/conformance`,
      body,
      sender: {
        nodeId: this.identity.nodeId,
        signingSecretKey: signing.privateKey,
        signingPublicKey: signing.publicKey,
        certificatePem: this.identity.certificatePem,
      },
      recipients: [{ nodeId: options.to ?? this.partner.id, x25519PublicKey: await this.partnerKey() }],
    });
    return { packet, wire: serializePacket(packet) };
  }
}

/** A case body (docs/schemas/case-body.json) that a partner accepting `category` at `tlp` takes. */
export function conformanceCase(category: string, tlp: string): JsonValue {
  return {
    reference: `CONF-${randomBytes(4).toString('hex')}`,
    title: 'Conformance check: a case the partner should accept',
    offenceCategories: [category],
    tlp,
    handlingCodes: ['INTELLIGENCE_ONLY'],
    sourceReliability: 'B',
    informationAccuracy: 2,
    identifiers: [{ id: 'i1', type: 'WALLET_EVM', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' }],
    policyVersion: 1,
    terms: { purpose: 'INVESTIGATION', retentionDays: 30, onwardSharing: { allowed: false, to: [] } },
  };
}

function safeNodeId(pem: string): string | undefined {
  try {
    return parseNodeCertificate(pem).nodeId;
  } catch {
    return undefined;
  }
}
