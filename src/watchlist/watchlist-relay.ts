import type { OffenceCategory } from '../kernel/vocabulary/index.js';
import type { InboundPolicy, SharingPolicy } from '../policy/sharing-policy.js';
import type { WatchlistEntryVersion } from './watchlist-entry.js';

/*
 * Who receives which watchlist entry: the relay rule, in one place.
 *
 * Serving partner P (node N's change feed for P):
 *   1. nothing if N has no outbound policy for P, and never entries whose origin is P itself;
 *   2. N's own entries: a live version if its offence category is in the current
 *      `watchlistCategories` of N's policy for P; a tombstone if the category is in any version of
 *      that policy (P could have received the entry, so it must learn of the revocation) and P was
 *      served a live version of it (watchlist_sent_live, kept by changesFor: a tombstone reveals nothing new);
 *   3. entries of another origin O: only when O granted N onward sharing to P for that entry (the
 *      `onwardTo` O attached when it delivered the entry to N itself), and then under the same
 *      category test against N's own policy for P. One hop only: what N relays carries no grant.
 *
 * The grant O attaches for puller H: if O's policy for H allows onward sharing, the nodes in its
 * `onwardSharing.to` to which O itself would give the entry under its own policy for them (a relay
 * never widens what the origin would share directly).
 *
 * Receiving from sender S (node R ingests): R needs an inbound policy for S; an entry whose origin
 * is not S needs `acceptRelayed`; the category must be one R accepts from S, except a tombstone of an
 * entry R already holds (a revocation is always welcome). R keeps a grant only from the origin.
 */

/** The offence categories of live versions and of tombstones that partner P may receive from us. */
export interface FeedSelection {
  partnerId: string;
  live: OffenceCategory[];
  tombstones: OffenceCategory[];
}

/**
 * `history` is every outbound policy version we ever held for the partner (including `current`);
 * undefined `current` means no outbound policy, so nothing is served.
 */
export function feedSelection(
  partnerId: string,
  current: SharingPolicy | undefined,
  history: readonly OffenceCategory[][],
): FeedSelection {
  if (!current) return { partnerId, live: [], tombstones: [] };
  const live = [...current.watchlistCategories];
  const tombstones = [...new Set([...live, ...history.flat()])];
  return { partnerId, live, tombstones };
}

/** Whether a version passes the category test of a selection. */
export function categoryAllowed(
  selection: FeedSelection,
  entry: Pick<WatchlistEntryVersion, 'offenceCategory' | 'revoked'>,
): boolean {
  return (entry.revoked ? selection.tombstones : selection.live).includes(entry.offenceCategory);
}

/**
 * The onward-sharing grant the origin attaches to its own entry for puller H: the targets H may
 * relay it to. `selections` holds the origin's feed selection for each possible target.
 */
export function onwardTargets(
  entry: Pick<WatchlistEntryVersion, 'offenceCategory' | 'revoked' | 'origin'>,
  pullerPolicy: SharingPolicy | undefined,
  selections: ReadonlyMap<string, FeedSelection>,
): string[] {
  if (!pullerPolicy?.onwardSharing.allowed) return [];
  return pullerPolicy.onwardSharing.to.filter((target) => {
    if (target === pullerPolicy.partnerId || target === entry.origin) return false;
    const selection = selections.get(target);
    return selection !== undefined && categoryAllowed(selection, entry);
  });
}

export type InboundRefusal = 'NO_INBOUND_POLICY' | 'RELAY_NOT_ACCEPTED' | 'CATEGORY_NOT_ACCEPTED';

export interface InboundRefusalDetail {
  reason: InboundRefusal;
  detail: string;
}

/** Whether we take entries of this origin from this sender at all (checked before any crypto). */
export function senderRefusal(
  origin: string,
  senderId: string,
  policy: InboundPolicy | undefined,
): InboundRefusalDetail | undefined {
  if (!policy)
    return {
      reason: 'NO_INBOUND_POLICY',
      detail: `there is no inbound policy for ${senderId}: nothing is accepted from it`,
    };
  if (origin !== senderId && !policy.acceptRelayed) {
    return {
      reason: 'RELAY_NOT_ACCEPTED',
      detail: `entry of ${origin} relayed by ${senderId}; we do not accept entries relayed by ${senderId}`,
    };
  }
  return undefined;
}

/** Whether we accept the entry's offence category from this sender; a revocation of an entry we hold always passes. */
export function categoryRefusal(
  entry: Pick<WatchlistEntryVersion, 'offenceCategory' | 'revoked'>,
  senderId: string,
  policy: InboundPolicy | undefined,
  holdsEntry: boolean,
): InboundRefusalDetail | undefined {
  if (entry.revoked && holdsEntry) return undefined;
  if (!policy?.offenceCategories.includes(entry.offenceCategory)) {
    return {
      reason: 'CATEGORY_NOT_ACCEPTED',
      detail: `${entry.offenceCategory} entries are not accepted from ${senderId}`,
    };
  }
  return undefined;
}

/** A grant is kept only when the origin itself delivered the entry; a tombstone never shrinks it. */
export function storedGrant(
  entry: Pick<WatchlistEntryVersion, 'origin' | 'revoked'>,
  senderId: string,
  offered: readonly string[],
  held: readonly string[],
): string[] {
  if (entry.origin !== senderId) return [...held];
  return entry.revoked ? [...new Set([...held, ...offered])].sort() : [...new Set(offered)].sort();
}
