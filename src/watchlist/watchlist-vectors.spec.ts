/**
 * Committed watchlist vectors (test/vectors/watchlist-v1.json): an origin's fixed Ed25519 seed and real
 * certificate; an entry version and its tombstone with their signatures; a relay grant; the feed page the
 * origin serves the relay (protocol 2), the item the relay passes on, and an empty page, each as exact
 * RFC 8785 text. Regenerate with UPDATE_VECTORS=1 only for an intended format change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';
import { toWire } from './feed-wire.js';
import type { WatchlistEntryVersion } from './watchlist-entry.js';
import { grantSignatureValid, GrantSigner, grantSigningBytes } from './watchlist-grant.js';
import { ed25519PublicKey, entrySigningBytes, signEntryWith, verifyEntryWith } from './watchlist-signing.js';
import type { WatchlistFeedItem } from './watchlist-sync.service.js';

const VECTOR_FILE = new URL('../../test/vectors/watchlist-v1.json', import.meta.url);
const PEM = readFileSync(new URL('../../test/vectors/certificates/kr-knpa.crt', import.meta.url), 'utf8');
const ORIGIN_SEED = '01'.repeat(32);

const LIVE: WatchlistEntryVersion = {
  entryId: '01974a2c-9000-7000-8000-000000000001',
  origin: 'kr-knpa',
  version: 1,
  identifierType: 'WALLET_EVM',
  value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  reason: 'Collection wallet of a romance-scam compound',
  offenceCategory: 'ONLINE_SCAM',
  severity: 'HIGH',
  caseReference: 'KNPA-2026-0101',
  validUntil: '2026-12-31T00:00:00.000Z',
  revoked: false,
  updatedAt: '2026-06-01T09:00:00.000Z',
};
const TOMBSTONE: WatchlistEntryVersion = {
  ...LIVE,
  version: 2,
  reason: 'Wallet returned to its owner',
  revoked: true,
  updatedAt: '2026-06-15T09:00:00.000Z',
};

async function build(): Promise<Record<string, unknown>> {
  const sodium = await sodiumReady();
  const keys = sodium.crypto_sign_seed_keypair(Buffer.from(ORIGIN_SEED, 'hex'));
  const signer = new GrantSigner(keys.privateKey, PEM);
  const live = signEntryWith(sodium, LIVE, keys.privateKey, PEM);
  const tombstone = signEntryWith(sodium, TOMBSTONE, keys.privateKey, PEM);
  const grant = signer.sign(LIVE, 'asean-hub', ['kh-cnp']);
  const tombstoneGrant = signer.sign(TOMBSTONE, 'asean-hub', ['kh-cnp']);
  const item = (seq: string, signed: typeof live, extra: Partial<WatchlistFeedItem>): WatchlistFeedItem => ({
    seq,
    origin: 'kr-knpa',
    ...signed,
    onwardTo: [],
    ...extra,
  });
  const page = (items: WatchlistFeedItem[], nextCursor: string) => ({ ...toWire(items), nextCursor, hasMore: false });
  return {
    origin: { nodeId: 'kr-knpa', ed25519Seed: ORIGIN_SEED, certificateFile: 'certificates/kr-knpa.crt' },
    entry: {
      version: LIVE,
      signedBytes: entrySigningBytes(LIVE).toString('utf8'),
      signature: live.signature,
    },
    tombstone: {
      version: TOMBSTONE,
      signedBytes: entrySigningBytes(TOMBSTONE).toString('utf8'),
      signature: tombstone.signature,
    },
    grant: {
      name: 'kr-knpa lets asean-hub relay version 1 to kh-cnp',
      signedBytes: grantSigningBytes(LIVE, grant.relay, grant.to).toString('utf8'),
      grant,
    },
    pages: [
      {
        name: 'kr-knpa serves asean-hub (protocol 2): the entry with its grant for the hub',
        request: 'GET /federation/v1/watchlist/changes?after=40 with Fed-Node-Protocol: 2, by asean-hub',
        wire: canonicalJsonChecked(page([item('41', live, { onwardTo: grant.to, grant })], '41')),
      },
      {
        name: 'asean-hub relays the entry to kh-cnp: the origin grant travels with it, onwardTo empty',
        request: 'GET /federation/v1/watchlist/changes?after=6, by kh-cnp',
        wire: canonicalJsonChecked(page([item('7', live, { grant })], '7')),
      },
      {
        name: 'kr-knpa serves asean-hub the tombstone, with its grant',
        request: 'GET /federation/v1/watchlist/changes?after=41 with Fed-Node-Protocol: 2, by asean-hub',
        wire: canonicalJsonChecked(
          page([item('42', tombstone, { onwardTo: ['kh-cnp'], grant: tombstoneGrant })], '42'),
        ),
      },
      {
        name: 'an empty page: nothing after the cursor, which stays where it was',
        request: 'GET /federation/v1/watchlist/changes?after=42, by asean-hub',
        wire: canonicalJsonChecked(page([], '42')),
      },
    ],
  };
}

describe('committed watchlist vectors', () => {
  let built: Record<string, unknown>;
  beforeAll(async () => {
    built = await build();
    if (process.env.UPDATE_VECTORS === '1') {
      const file = {
        format: 'fed-node watchlist entries, relay grants and feed pages, protocol version 2 (docs/PROTOCOL.md §13)',
        notes: 'signedBytes are UTF-8 texts (label, NUL, RFC 8785 JSON); each page wire is RFC 8785 text.',
        ...built,
      };
      writeFileSync(VECTOR_FILE, `${JSON.stringify(file, null, 2)}\n`);
    }
  });

  it('matches the committed file byte for byte', () => {
    if (!existsSync(VECTOR_FILE))
      throw new Error('missing test/vectors/watchlist-v1.json; generate it with UPDATE_VECTORS=1');
    const {
      format: _format,
      notes: _notes,
      ...committed
    } = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as Record<string, unknown>;
    const pages = (value: Record<string, unknown>) => (value.pages as { wire: string }[]).map((p) => p.wire);
    expect(pages(built)).toEqual(pages(committed));
    expect(built).toEqual(committed);
  });

  it('every page is a valid feed page whose items verify, with grants the origin signed', async () => {
    const sodium = await sodiumReady();
    const { publicKey } = sodium.crypto_sign_seed_keypair(Buffer.from(ORIGIN_SEED, 'hex'));
    const pageSchema = wireValidator('watchlist-feed-page');
    const committed = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as { pages: { wire: string }[] };
    for (const { wire } of committed.pages) {
      const page = JSON.parse(wire) as {
        items: (WatchlistFeedItem & { originCertificateRef: string })[];
        originCertificates: Record<string, string>;
      };
      expect(pageSchema.problem(page)).toBeUndefined();
      for (const item of page.items) {
        const originCertificate = page.originCertificates[item.originCertificateRef];
        expect(originCertificate).toBe(PEM);
        expect(verifyEntryWith(sodium, { ...item, originCertificate }, publicKey)).toBe(true);
        expect(grantSignatureValid(item.entry, item.grant!, ed25519PublicKey(publicKey))).toBe(true);
      }
    }
    expect(wireValidator('watchlist-tombstone').problem(TOMBSTONE)).toBeUndefined();
    expect(wireValidator('watchlist-tombstone').problem(LIVE)).toBeDefined();
  });
});
