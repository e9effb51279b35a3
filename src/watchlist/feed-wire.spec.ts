import { generateKeyPairSync } from 'node:crypto';
import { craftCertificate } from '../identity/identity.test-helpers.js';
import { FeedWireError, fromWire, toWire } from './feed-wire.js';
import { certificateFingerprint } from './watchlist-certificate.js';
import type { WatchlistFeedItem } from './watchlist-sync.service.js';
import { entry } from './watchlist.test-helpers.js';

function certificateOf(cn: string): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return craftCertificate({ issuer: 'self', subjectKeyPem: privateKey, cn, o: 'Test' });
}

describe('the feed on the wire: each origin certificate once per page', () => {
  const knpa = certificateOf('kr-knpa');
  const hub = certificateOf('asean-hub');
  const item = (origin: string, pem: string, n: number): WatchlistFeedItem => ({
    seq: String(n),
    origin,
    entry: entry({ origin, entryId: `0197${String(n).padStart(4, '0')}-0000-7000-8000-000000000000` }),
    signature: 'c2ln',
    originCertificate: pem,
    onwardTo: [],
  });

  it('names each certificate once and restores every item exactly', () => {
    const items = [item('kr-knpa', knpa, 1), item('asean-hub', hub, 2), item('kr-knpa', knpa, 3)];
    const wire = toWire(items);
    expect(Object.keys(wire.originCertificates).sort()).toEqual(
      [certificateFingerprint(knpa), certificateFingerprint(hub)].sort(),
    );
    expect(wire.items.every((i) => !('originCertificate' in i))).toBe(true);
    const page = Array.from({ length: 10 }, (_, n) => item('kr-knpa', knpa, n));
    expect(JSON.stringify(toWire(page)).length).toBeLessThan(JSON.stringify(page).length / 2);
    const parsed = JSON.parse(JSON.stringify(wire)) as { items: unknown[]; originCertificates: unknown };
    expect(fromWire(parsed.items, parsed.originCertificates)).toEqual(items);
  });

  it('passes items that carry their certificate inline (older senders)', () => {
    const items = JSON.parse(JSON.stringify([item('kr-knpa', knpa, 1)])) as unknown[];
    expect(fromWire(items, undefined)).toEqual([item('kr-knpa', knpa, 1)]);
  });

  it('refuses a page whose table does not resolve or lies about a fingerprint', () => {
    const wire = JSON.parse(JSON.stringify(toWire([item('kr-knpa', knpa, 1)]))) as {
      items: unknown[];
      originCertificates: Record<string, string>;
    };
    expect(() => fromWire(structuredClone(wire.items), {})).toThrow(
      /items\[0\]\.originCertificateRef "[0-9a-f]{64}" is not in originCertificates/,
    );
    const ref = certificateFingerprint(knpa);
    expect(() => fromWire(structuredClone(wire.items), { [ref]: hub })).toThrow(
      new RegExp(`holds the certificate ${certificateFingerprint(hub)}, not that one`),
    );
    expect(() => fromWire(structuredClone(wire.items), { [ref]: 'not a pem' })).toThrow(FeedWireError);
    expect(() => fromWire(structuredClone(wire.items), [knpa])).toThrow(/must be an object/);
    expect(() => fromWire(structuredClone(wire.items), { [ref]: 42 })).toThrow(/must be a PEM string/);
  });
});
