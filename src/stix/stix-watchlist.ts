import type { WatchlistEntryVersion } from '../watchlist/watchlist-entry.js';
import { bundleOf, identityObject, relationship, sdoBase, type StixNode } from './stix-common.js';
import { derivedId, nodeIdentityId, uuidv7Time } from './stix-ids.js';
import { identifierObservable } from './stix-observables.js';
import type { NodeExtension } from './stix-extensions.js';
import { label, tlpMarkingId, type StixObject } from './stix-vocabulary.js';

// Watchlist entries as STIX indicators. An entry is its origin's: the indicator is created by the
// origin's identity and its id is derived from the origin and the entry id, so every node that holds
// the entry exports the same indicator, and a new version of the entry is a new version of it.

/** Entries carry no TLP of their own; partners receive them for need-to-know use within their agency. */
export const WATCHLIST_TLP = 'AMBER' as const;

export function watchlistIndicatorId(entry: Pick<WatchlistEntryVersion, 'origin' | 'entryId'>): string {
  return derivedId('indicator', entry.origin, `watchlist/${entry.entryId}`);
}

/**
 * STIX `created` of an entry's indicator: the time its UUIDv7 id carries, which the origin sets to
 * version 1's updatedAt (WatchlistService), so it is the same for every version and equals
 * `modified` on the first. An id minted later than version 1 (entries of older nodes) falls back to
 * `modified`: created must never follow modified.
 */
export function watchlistCreated(entry: Pick<WatchlistEntryVersion, 'entryId' | 'updatedAt'>): string {
  const born = uuidv7Time(entry.entryId);
  return born.getTime() <= Date.parse(entry.updatedAt) ? born.toISOString() : entry.updatedAt;
}

/** The indicator of one entry version (a revoked entry is a revoked indicator). */
export function watchlistIndicator(entry: WatchlistEntryVersion): StixObject {
  const created = watchlistCreated(entry);
  const observable = identifierObservable(entry.origin, entry.identifierType, entry.value);
  const indicator: StixObject = {
    ...sdoBase('indicator', watchlistIndicatorId(entry), nodeIdentityId(entry.origin), created, entry.updatedAt, [
      tlpMarkingId(WATCHLIST_TLP),
    ]),
    name: `${entry.identifierType} ${entry.value}`,
    description: entry.reason,
    indicator_types: ['malicious-activity'],
    pattern: observable.pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: created,
    valid_until: entry.validUntil,
    labels: [
      label('offence', entry.offenceCategory),
      label('severity', entry.severity),
      label('identifier', entry.identifierType),
    ],
    revoked: entry.revoked,
  };
  if (entry.caseReference !== undefined)
    indicator.external_references = [{ source_name: 'fed-node-case', external_id: entry.caseReference }];
  return indicator;
}

/** Indicator, observable and their `based-on` relationship for each entry. */
export function watchlistObjects(
  nodeId: string,
  entries: readonly WatchlistEntryVersion[],
): { objects: StixObject[]; extensions: Set<NodeExtension> } {
  const objects: StixObject[] = [];
  const extensions = new Set<NodeExtension>();
  for (const entry of entries) {
    const indicator = watchlistIndicator(entry);
    // The observable points at the exporting node's extension definitions, which travel in its bundle.
    const observable = identifierObservable(nodeId, entry.identifierType, entry.value);
    for (const name of observable.extensions) extensions.add(name);
    const sco: StixObject = { ...observable.sco, object_marking_refs: [tlpMarkingId(WATCHLIST_TLP)] };
    const base = sdoBase(
      'relationship',
      '',
      indicator.created_by_ref as string,
      indicator.created as string,
      indicator.modified as string,
      [tlpMarkingId(WATCHLIST_TLP)],
    );
    objects.push(
      indicator,
      sco,
      relationship(
        derivedId('relationship', entry.origin, `watchlist/${entry.entryId}/based-on`),
        base,
        'based-on',
        indicator.id as string,
        sco.id as string,
      ),
    );
  }
  return { objects, extensions };
}

/**
 * A bundle of watchlist entries exported by `node`. Only the node's own identity travels: a relayed
 * entry's indicator refers to its origin's identity, which only the origin itself publishes (two
 * nodes writing the same identity id with different content would be a STIX conflict).
 */
export function watchlistBundle(node: StixNode, key: string, entries: readonly WatchlistEntryVersion[]): StixObject {
  const { objects, extensions } = watchlistObjects(node.id, entries);
  return bundleOf(node, key, { identities: [identityObject(node)], tlps: [WATCHLIST_TLP], extensions, objects });
}
