// th-dsi, a fictional Thai agency's node: its PKI, its peer endpoint, and what it sends to a fed-node.
import { randomBytes } from 'node:crypto';
import type { Json } from './canonical.js';
import { PacketError, parsePacket, receivePacket, sealPacket } from './envelope.js';
import type { OpenedPacket } from './envelope.js';
import {
  CertificateRejection,
  createAgencyCa,
  fingerprintOf,
  generateNodeKeys,
  issueNodeCertificate,
  verifyNodeCertificate,
} from './pki.js';
import type { AgencyCa, NodeKeys } from './pki.js';
import { verifyFeedItems } from './feed.js';
import type { FeedPage } from './feed.js';
import { peerRequest, startPeerServer } from './peer.js';
import type { PeerCall, PeerServer, TlsIdentity } from './peer.js';
import { signReceipt, verifyReceipt } from './receipt.js';
import type { Receipt, SignedReceipt } from './receipt.js';

export interface ReceivedCall {
  method: string;
  path: string;
  from: string;
  text: string;
  status: number;
  answer: unknown;
  opened?: OpenedPacket;
}

/** RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, variant 10, random rest. */
export function uuidv7(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class PartnerNode {
  readonly calls: ReceivedCall[] = [];
  /** Tests only: changes the receipt we are about to sign, to see whether the sender checks it. */
  receiptHook?: (receipt: Receipt) => Receipt;
  private readonly accepted = new Map<string, { text: string; receipt: SignedReceipt }>();
  private anchors: string[] = [];
  private peers: string[] = [];
  private server?: PeerServer;

  private constructor(
    readonly nodeId: string,
    readonly ca: AgencyCa,
    readonly keys: NodeKeys,
    readonly certificatePem: string,
    private readonly tlsKeyPem: string,
  ) {}

  static async create(nodeId: string): Promise<PartnerNode> {
    const ca = await createAgencyCa(nodeId); // agency id = node id, as for the example nodes
    const keys = generateNodeKeys();
    const cert = await issueNodeCertificate(ca, nodeId, keys);
    return new PartnerNode(nodeId, ca, keys, cert.certificatePem, cert.tlsKeyPem);
  }

  get fingerprint(): string {
    return fingerprintOf(this.certificatePem);
  }

  get url(): string {
    return `https://127.0.0.1:${this.server?.port}`;
  }

  /** Our trust anchors: the agency CAs of the nodes we federate with. */
  trust(anchorsPem: string[]): void {
    this.anchors = anchorsPem;
    this.server?.refresh();
  }

  private identity(): TlsIdentity {
    return {
      nodeId: this.nodeId,
      certificatePem: this.certificatePem,
      tlsKeyPem: this.tlsKeyPem,
      anchorsPem: this.anchors,
    };
  }

  /** Starts listening before the peer is known (the node's config needs our URL); peers are checked per call. */
  async listen(peers: string[]): Promise<void> {
    this.peers = peers;
    this.server = await startPeerServer(
      () => this.identity(),
      peers,
      async (call) => this.handle(call),
    );
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  private async handle(call: PeerCall): Promise<{ status: number; body: unknown }> {
    const text = call.body.toString('utf8');
    const record: ReceivedCall = {
      method: call.method,
      path: call.url.pathname + call.url.search,
      from: call.peer.nodeId,
      text,
      status: 0,
      answer: null,
    };
    this.calls.push(record);
    let result: { status: number; body: unknown };
    if (call.method === 'POST' && call.url.pathname === '/federation/v1/packets') result = this.receive(call, record);
    else if (call.url.pathname === '/federation/v1/hello')
      // §15: we speak protocol versions 1 and 2 (we hold no relayed entries, so grants only pass through).
      result = { status: 200, body: { node: this.nodeId, peer: call.peer.nodeId, protocolVersions: [1, 2] } };
    else if (call.url.pathname === '/federation/v1/watchlist/changes')
      // We publish no watchlist: an empty page that leaves the reader's cursor where it was.
      result = {
        status: 200,
        body: {
          items: [],
          nextCursor: call.url.searchParams.get('after') ?? '0',
          hasMore: false,
          originCertificates: {},
        },
      };
    else if (call.method === 'POST' && call.url.pathname === '/federation/v1/watchlist/entries') {
      // A push (§13): we verify every item, keep nothing, and answer with the counts the node sends itself.
      const entries = verifyFeedItems(JSON.parse(text) as FeedPage, this.anchors);
      result = {
        status: 200,
        body: { inserted: entries.length, updated: 0, ignored: 0, rejected: 0, reasons: {}, problems: [] },
      };
    } else result = { status: 404, body: { error: 'NOT_FOUND' } };
    record.status = result.status;
    record.answer = result.body;
    return result;
  }

  /**
   * §8 then §12: open and verify, answer with a signed receipt. Refusals of step 1 (not a packet we can
   * name) get 400 with an unsigned error body, as the node does; every later refusal a signed REJECTED receipt.
   */
  private receive(call: PeerCall, record: ReceivedCall): { status: number; body: unknown } {
    const now = new Date();
    let header: { packetId: string; contentHash: string } | undefined;
    try {
      header = parsePacket(record.text).header;
      const previous = this.accepted.get(header.packetId);
      if (previous && previous.text === record.text) return { status: 200, body: previous.receipt }; // a redelivery
      record.opened = receivePacket(record.text, {
        self: this.nodeId,
        keyPairs: [{ secretKey: this.keys.x25519SecretKey, publicKey: this.keys.x25519PublicKey }],
        now,
        certifySender: (pem, from) => this.certify(pem, from),
        seenBefore: (_from, id) => this.accepted.has(id),
      });
      const receipt = this.receipt(header, call.peer.nodeId, 'ACCEPTED', now);
      this.accepted.set(header.packetId, { text: record.text, receipt });
      return { status: 200, body: receipt };
    } catch (e) {
      const code = e instanceof PacketError ? e.code : 'MALFORMED';
      if (!header) return { status: 400, body: { error: { code, message: (e as Error).message } } };
      return { status: 422, body: this.receipt(header, call.peer.nodeId, 'REJECTED', now, code, (e as Error).message) };
    }
  }

  private certify(pem: string, from: string): Uint8Array {
    if (!this.peers.includes(from)) throw new PacketError('UNKNOWN_SENDER', from);
    try {
      return verifyNodeCertificate(pem, { anchorsPem: this.anchors, expectedNodeId: from }).ed25519PublicKey;
    } catch (e) {
      if (!(e instanceof CertificateRejection)) throw e;
      // PKI.md's MALFORMED_CERTIFICATE, CERTIFICATE_NODE_MISMATCH and CERTIFICATE_PIN_MISMATCH have no packet
      // reason code in PROTOCOL.md §8: UNTRUSTED_CERTIFICATE is our guess.
      const own = ['MALFORMED_CERTIFICATE', 'CERTIFICATE_NODE_MISMATCH', 'CERTIFICATE_PIN_MISMATCH'];
      throw new PacketError(own.includes(e.reason) ? 'UNTRUSTED_CERTIFICATE' : e.reason, e.message);
    }
  }

  private receipt(
    header: { packetId: string; contentHash: string },
    deliveredBy: string,
    status: Receipt['status'],
    now: Date,
    reason?: string,
    detail?: string,
  ): SignedReceipt {
    const receipt: Receipt = {
      version: 1,
      packetId: header.packetId,
      receiver: this.nodeId,
      deliveredBy,
      contentHash: header.contentHash,
      status,
      ...(reason ? { reason, detail } : {}),
      receivedAt: now.toISOString(),
    };
    return signReceipt(this.receiptHook?.(receipt) ?? receipt, this.keys.ed25519Seed, this.certificatePem);
  }

  // ---- as a client of a node's peer endpoint

  /** §15: every request names the protocol version of the exchange (2, which the node speaks). */
  call(peerUrl: string, peerId: string, method: 'GET' | 'POST', path: string, body?: string, protocol = '2') {
    return peerRequest(peerUrl, this.identity(), peerId, method, path, body, { 'fed-node-protocol': protocol });
  }

  /** The recipient's current certificate, as presented in the TLS handshake, verified and parsed. */
  async peerCertificate(peerUrl: string, peerId: string) {
    const res = await this.call(peerUrl, peerId, 'GET', '/federation/v1/hello');
    const pem = res.peerCertificatePem;
    return {
      hello: JSON.parse(res.text) as unknown,
      pem,
      node: verifyNodeCertificate(pem, { anchorsPem: this.anchors, expectedNodeId: peerId }),
    };
  }

  seal(
    to: { nodeId: string; x25519PublicKey: Uint8Array },
    type: string,
    body: Json,
    policyVersion: string,
    o: { inReplyTo?: string; createdAt?: number; lifetimeMs?: number; header?: Record<string, Json> } = {},
  ) {
    const now = o.createdAt ?? Date.now();
    return sealPacket({
      header: {
        packetId: uuidv7(now),
        type,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + (o.lifetimeMs ?? 7 * 24 * 3600 * 1000)).toISOString(),
        policyVersion,
        ...(o.inReplyTo ? { inReplyTo: o.inReplyTo } : {}),
        ...o.header, // hostile tests only: members the header must not have
      },
      from: this.nodeId,
      body,
      senderEd25519Seed: this.keys.ed25519Seed,
      senderCertificatePem: this.certificatePem,
      recipients: [to],
    });
  }

  verifyReceipt(value: unknown, expected: { packetId: string; contentHash: string; receiver: string }) {
    return verifyReceipt(value, { ...expected, trust: { anchorsPem: this.anchors } });
  }
}
