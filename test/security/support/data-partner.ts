import { v7 as uuidv7 } from 'uuid';
import { sodiumReady } from '../../../src/kernel/crypto/sodium.js';
import { callPeer } from '../../../src/transport/peer-client.js';
import { fromWire, toWire } from '../../../src/watchlist/feed-wire.js';
import type { WatchlistEntryVersion } from '../../../src/watchlist/watchlist-entry.js';
import { signEntryWith } from '../../../src/watchlist/watchlist-signing.js';
import type { WatchlistFeedItem } from '../../../src/watchlist/watchlist-sync.service.js';
import { WATCHLIST_CHANGES_PATH, WATCHLIST_ENTRIES_PATH } from '../../../src/watchlist/watchlist-sync.runner.js';
import { casePayload, PeerStandIn, type PostResult } from '../../reliability/support/peer-stand-in.js';

export interface NodeAddress {
  id: string;
  federationPort: number;
}

export interface PulledFeed {
  items: WatchlistFeedItem[];
  /** Every page body as it arrived: what the partner learnt, byte for byte. */
  raw: string;
  cursor: string;
}

/**
 * The test acting as a partner on the data paths of a real node process: its real keys, certificate
 * and TLS key (PeerStandIn), pulling the node's watchlist feed, pushing watchlist entries it signed
 * itself, and sealing case packets with whatever content it likes.
 */
export class DataPartner {
  private constructor(
    readonly standIn: PeerStandIn,
    private readonly node: NodeAddress,
  ) {}

  static async load(pkiDir: string, partnerId: string, nodeIds: string[], node: NodeAddress): Promise<DataPartner> {
    return new DataPartner(await PeerStandIn.load(pkiDir, partnerId, nodeIds), node);
  }

  get id(): string {
    return this.standIn.nodeId;
  }

  private call(method: 'GET' | 'POST', path: string, body?: unknown) {
    const peer = { id: this.node.id, url: `https://127.0.0.1:${this.node.federationPort}` };
    return callPeer(this.standIn.identity, peer, method, path, body, 60_000);
  }

  /** Pulls the node's feed for this partner from `after` to its end, as the partner's sync does. */
  async pullFeed(after: string): Promise<PulledFeed> {
    const items: WatchlistFeedItem[] = [];
    const pages: string[] = [];
    let cursor = after;
    for (;;) {
      const response = await this.call('GET', `${WATCHLIST_CHANGES_PATH}?after=${cursor}&limit=500`);
      if (response.status !== 200)
        throw new Error(`feed pull answered ${response.status}: ${JSON.stringify(response.body)}`);
      pages.push(JSON.stringify(response.body));
      const page = response.body as {
        items: unknown[];
        originCertificates: unknown;
        nextCursor: string;
        hasMore: boolean;
      };
      items.push(...(fromWire(page.items, page.originCertificates) as WatchlistFeedItem[]));
      cursor = page.nextCursor;
      if (!page.hasMore) return { items, raw: pages.join('\n'), cursor };
    }
  }

  /** A version 1 entry of this partner's own, signed with its real key. */
  async signedEntry(fields: Partial<WatchlistEntryVersion>): Promise<WatchlistFeedItem> {
    const entry: WatchlistEntryVersion = {
      entryId: uuidv7(),
      origin: this.id,
      version: 1,
      identifierType: 'WALLET_EVM',
      value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      reason: 'Collection wallet of a scam compound',
      offenceCategory: 'ONLINE_SCAM',
      severity: 'HIGH',
      validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
      revoked: false,
      updatedAt: new Date().toISOString(),
      ...fields,
    };
    const { signing } = this.standIn.identity.keys.current;
    const signed = signEntryWith(await sodiumReady(), entry, signing.privateKey, this.standIn.identity.certificatePem);
    return { ...signed, seq: '1', origin: this.id, onwardTo: [] };
  }

  /** Pushes entries to the node as the partner's sync does; the node's answer counts and lists problems. */
  async pushEntries(items: WatchlistFeedItem[]): Promise<{ status: number; body: unknown }> {
    const response = await this.call('POST', WATCHLIST_ENTRIES_PATH, toWire(items));
    return { status: response.status, body: response.body };
  }

  /** Seals a case packet to the node with this body and posts it over mutual TLS. */
  async sendCase(overrides: Record<string, unknown>): Promise<{ packetId: string; result: PostResult }> {
    const body = { ...casePayload(`SEC-${Math.floor(Math.random() * 1e9)}`), ...overrides };
    const packet = await this.standIn.seal({ to: [this.node.id], body });
    return { packetId: packet.header.packetId, result: await this.standIn.post(this.node, packet) };
  }
}
