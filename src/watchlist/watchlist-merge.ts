import { isExpired, sameContent, type WatchlistEntryVersion } from './watchlist-entry.js';

export type MergeAction = 'insert' | 'update' | 'ignore';

export const MERGE_REASONS = [
  /** First version we see of this entry. */
  'NEW',
  /** A later version from the origin. */
  'NEWER_VERSION',
  /** The origin's tombstone replaces a live version. */
  'REVOKED',
  /** Exactly the version we hold (redelivery, or the same version through a relay). */
  'DUPLICATE',
  /** An older version than the one we hold. */
  'STALE',
  /** A live version after the tombstone we hold: a tombstone is final. */
  'TOMBSTONE_FINAL',
  /** Same version number, different content: the origin (or its key) misbehaved; reported, not applied. */
  'CONFLICT',
  /** The version claims another origin than the entry we hold: refused. */
  'ORIGIN_MISMATCH',
  /** Past its validUntil: an expired entry is the same as an absent one. */
  'EXPIRED',
] as const;
export type MergeReason = (typeof MERGE_REASONS)[number];

export interface MergeDecision {
  action: MergeAction;
  reason: MergeReason;
}

/**
 * Which version wins, as a total order: a tombstone outranks every live version, then the higher
 * version number wins. Because the order does not depend on arrival, replicas that see the same
 * versions in any order, with any duplicates, end in the same state.
 */
export function compareRank(a: WatchlistEntryVersion, b: WatchlistEntryVersion): number {
  if (a.revoked !== b.revoked) return a.revoked ? 1 : -1;
  return a.version - b.version;
}

/**
 * Decides what a replica does with a verified incoming version, given the version it holds for
 * the same entry (looked up by origin and entry id). The caller has already checked the origin's
 * signature; this only orders versions.
 *
 * Expiry never changes which version wins; an incoming version that is already expired is simply
 * ignored (it is absent). With the origin keeping validUntil non-decreasing across versions, the
 * expired versions of an entry are always its oldest ones, so ignoring them cannot bring back an
 * older live version.
 */
export function mergeEntry(
  current: WatchlistEntryVersion | undefined,
  incoming: WatchlistEntryVersion,
  now: Date,
): MergeDecision {
  if (current && (current.origin !== incoming.origin || current.entryId !== incoming.entryId)) {
    return { action: 'ignore', reason: 'ORIGIN_MISMATCH' };
  }
  if (isExpired(incoming, now)) return { action: 'ignore', reason: 'EXPIRED' };
  if (!current) return { action: 'insert', reason: 'NEW' };
  const rank = compareRank(incoming, current);
  if (rank > 0) return { action: 'update', reason: incoming.revoked && !current.revoked ? 'REVOKED' : 'NEWER_VERSION' };
  if (rank === 0) return { action: 'ignore', reason: sameContent(incoming, current) ? 'DUPLICATE' : 'CONFLICT' };
  return { action: 'ignore', reason: current.revoked && !incoming.revoked ? 'TOMBSTONE_FINAL' : 'STALE' };
}

/** Ignored outcomes that point at a misbehaving peer or origin rather than ordinary redelivery. */
export function isRefusal(reason: MergeReason): boolean {
  return reason === 'ORIGIN_MISMATCH';
}
