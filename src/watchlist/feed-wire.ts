import { certificateFingerprint } from './watchlist-certificate.js';
import type { WatchlistFeedItem } from './watchlist-sync.service.js';

/*
 * The feed on the wire names each origin certificate once per page. A page holds thousands of entries
 * of a handful of origins; a ~1.7 KB PEM inline in every item made certificates four fifths of the
 * bytes that both sides serialise, encrypt, parse and collect (docs/PROTOCOL.md §13).
 */

/** A feed item as sent: `originCertificateRef` (SHA-256 of the DER) instead of the PEM. */
export type WireFeedItem = Omit<WatchlistFeedItem, 'originCertificate'> & { originCertificateRef: string };

export interface WireFeedItems {
  items: WireFeedItem[];
  /** fingerprint → PEM of every certificate the items name. */
  originCertificates: Record<string, string>;
}

/** Thrown for a page whose certificate table does not resolve; the whole page is refused. */
export class FeedWireError extends Error {}

export function toWire(items: readonly WatchlistFeedItem[]): WireFeedItems {
  const originCertificates: Record<string, string> = {};
  // A page names a handful of certificates: each PEM is decoded and hashed once, not once per item.
  const refs = new Map<string, string>();
  const wire = items.map(({ originCertificate, ...rest }): WireFeedItem => {
    let ref = refs.get(originCertificate);
    if (ref === undefined) {
      ref = certificateFingerprint(originCertificate);
      refs.set(originCertificate, ref);
      originCertificates[ref] = originCertificate;
    }
    return { ...rest, originCertificateRef: ref };
  });
  return { items: wire, originCertificates };
}

/**
 * The items as `ingest` takes them: each `originCertificateRef` replaced by its PEM. Items that carry
 * the PEM inline (older senders) pass unchanged; anything else that is wrong with an item is left for
 * ingest to report per item. Mutates the freshly parsed items instead of copying thousands of objects.
 */
export function fromWire(items: readonly unknown[], originCertificates: unknown): unknown[] {
  const table = certificateTable(originCertificates);
  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || !('originCertificateRef' in item)) return;
    const record = item as Record<string, unknown>;
    const ref = record.originCertificateRef;
    const pem = typeof ref === 'string' ? table.get(ref) : undefined;
    if (pem === undefined)
      throw new FeedWireError(
        `items[${index}].originCertificateRef ${JSON.stringify(ref)?.slice(0, 80)} is not in originCertificates`,
      );
    record.originCertificate = pem;
    delete record.originCertificateRef;
  });
  return items as unknown[];
}

function certificateTable(value: unknown): Map<string, string> {
  const table = new Map<string, string>();
  if (value === undefined || value === null) return table;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new FeedWireError('originCertificates must be an object of fingerprint → PEM');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 1000) throw new FeedWireError('originCertificates names more than 1000 certificates');
  for (const [ref, pem] of entries) {
    if (typeof pem !== 'string') throw new FeedWireError(`originCertificates.${ref.slice(0, 80)} must be a PEM string`);
    let actual: string;
    try {
      actual = certificateFingerprint(pem);
    } catch (error) {
      throw new FeedWireError(
        `originCertificates.${ref.slice(0, 80)} is not a certificate: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // A wrong key would only mislabel a certificate that is checked anyway, but it is a broken sender.
    if (actual !== ref)
      throw new FeedWireError(`originCertificates.${ref.slice(0, 80)} holds the certificate ${actual}, not that one`);
    table.set(ref, pem);
  }
  return table;
}
