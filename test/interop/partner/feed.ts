// Watchlist entries and the feed page, PROTOCOL.md §13: every item's origin signature is checked, and
// (protocol 2, §13.3) the origin's relay grant when an item carries one.
import { ed25519 } from '@noble/curves/ed25519.js';
import { createHash } from 'node:crypto';
import { canonicalBytes, concatBytes, fromB64u, utf8 } from './canonical.js';
import { derOf, verifyNodeCertificate } from './pki.js';

export interface WatchlistEntry {
  entryId: string;
  origin: string;
  version: number;
  identifierType: string;
  value: string;
  reason: string;
  offenceCategory: string;
  severity: string;
  caseReference?: string;
  validUntil: string;
  revoked: boolean;
  updatedAt: string;
}

export interface FeedItem {
  seq: string;
  origin: string;
  entry: WatchlistEntry;
  signature: string;
  originCertificateRef?: string;
  originCertificate?: string;
  onwardTo: string[];
  grant?: RelayGrant;
}

/** §13.3: the origin's consent that `relay` may pass this version on to `to`. */
export interface RelayGrant {
  relay: string;
  to: string[];
  signature: string;
}

export interface FeedPage {
  items: FeedItem[];
  originCertificates?: Record<string, string>;
  nextCursor: string;
  hasMore: boolean;
}

const LABEL = concatBytes(utf8('fed-node/watchlist-entry/v1'), new Uint8Array([0]));
const GRANT_LABEL = concatBytes(utf8('fed-node/watchlist-relay-grant/v1'), new Uint8Array([0]));

/** §13.3 signed text: label, NUL, JCS of { entryId, origin, relay, to, version }. */
export const grantMessage = (entry: WatchlistEntry, relay: string, to: string[]) =>
  concatBytes(
    GRANT_LABEL,
    canonicalBytes({ entryId: entry.entryId, origin: entry.origin, relay, to, version: entry.version }),
  );

/** §1: strict Ed25519 (RFC 8032, no ZIP-215 leniency). */
const verifies = (signature: string, message: Uint8Array, key: Uint8Array, what: string) =>
  ed25519.verify(fromB64u(signature, what), message, key, { zip215: false });
const ENTRY_MEMBERS =
  'caseReference,entryId,identifierType,offenceCategory,origin,reason,revoked,severity,updatedAt,validUntil,value,version';

/** Verifies every item of a page (or a push) against its origin's certificate; throws naming the item at fault. */
export function verifyFeedItems(
  page: Pick<FeedPage, 'items' | 'originCertificates'>,
  anchorsPem: string[],
): WatchlistEntry[] {
  const table = page.originCertificates ?? {};
  for (const [ref, pem] of Object.entries(table))
    if (createHash('sha256').update(derOf(pem)).digest('hex') !== ref)
      throw new Error(`originCertificates.${ref}: not the fingerprint of its PEM`);
  return page.items.map((item, i) => {
    const pem = item.originCertificate ?? table[item.originCertificateRef ?? ''];
    if (!pem) throw new Error(`items.${i}: origin certificate ${item.originCertificateRef} missing from the page`);
    const unknown = Object.keys(item.entry).filter((k) => !ENTRY_MEMBERS.split(',').includes(k));
    if (unknown.length) throw new Error(`items.${i}.entry: unknown member ${unknown[0]}`);
    if (item.entry.origin !== item.origin) throw new Error(`items.${i}: entry.origin is not the item's origin`);
    const origin = verifyNodeCertificate(pem, { anchorsPem, expectedNodeId: item.origin });
    const message = concatBytes(LABEL, canonicalBytes(item.entry));
    if (!verifies(item.signature, message, origin.ed25519PublicKey, `items.${i}.signature`))
      throw new Error(`items.${i}: signature does not verify`);
    // §13.3: a grant verifies under the same origin certificate as the entry.
    const grant = item.grant;
    if (
      grant &&
      !verifies(
        grant.signature,
        grantMessage(item.entry, grant.relay, grant.to),
        origin.ed25519PublicKey,
        `items.${i}.grant`,
      )
    )
      throw new Error(`items.${i}: grant signature does not verify`);
    return item.entry;
  });
}
