import type { OffenceCategory } from '../kernel/vocabulary/index.js';
import { InputException } from '../common/errors/input.exception.js';
import type { NodeExtension } from '../stix/stix-extensions.js';
import { candidateOfObject, tooRestrictedForWatchlist, type ImportCandidate } from '../stix/stix-import.js';
import type { StixSchemas } from '../stix/stix-schemas.js';
import { MAX_REASON_LENGTH } from '../watchlist/watchlist-entry.js';
import { entryFieldsFromInput, type WatchlistEntryChange } from '../watchlist/watchlist-input.js';

// What each object an agency tool posts to the inbox becomes (TAXII 2.1 §5.5): refused with the
// reason, accepted without effect (context such as identities and markings), or a watchlist entry
// of this node. Pure: the inbox service stores the decisions, writes the entries and audits.

const DAY_MS = 24 * 3600 * 1000;
/** Where no valid_until says otherwise, as for a STIX import. */
export const INBOX_VALID_DAYS = 365;
export type InboxDecision =
  | { kind: 'refused'; message: string }
  | { kind: 'context'; message: string }
  | { kind: 'entry'; change: WatchlistEntryChange };

export interface InboxObject {
  /** The status-details id (§4.3.1): the STIX id, or `object-<n>` for an object without one. */
  id: string;
  /** modified, else created, else the request's timestamp (what the server keeps consistent). */
  version: string;
  decision: InboxDecision;
}

export interface InboxPolicy {
  /** The account posting, for the entries' reason. */
  account: string;
  /** taxii.inboxOffenceCategories; undefined: every category. */
  offenceCategories?: readonly OffenceCategory[];
  defaultOffenceCategory?: OffenceCategory;
  now: Date;
  /** TAXII timestamp of the request. */
  requestTimestamp: string;
}

function statusIdentity(object: unknown, index: number, requestTimestamp: string): { id: string; version: string } {
  const record = typeof object === 'object' && object !== null ? (object as Record<string, unknown>) : {};
  const id = typeof record.id === 'string' && record.id !== '' ? record.id : `object-${index}`;
  const stamp = [record.modified, record.created].find((v): v is string => typeof v === 'string' && v !== '');
  return { id, version: stamp ?? requestTimestamp };
}

function entryOf(candidate: ImportCandidate, policy: InboxPolicy): InboxDecision {
  const offenceCategory = candidate.offenceCategory ?? policy.defaultOffenceCategory;
  if (!offenceCategory)
    return {
      kind: 'refused',
      message:
        'no offence category: label the indicator offence:<category> (e.g. offence:online-scam), or set taxii.inboxDefaultOffenceCategory',
    };
  if (policy.offenceCategories && !policy.offenceCategories.includes(offenceCategory))
    return {
      kind: 'refused',
      message: `offence category ${offenceCategory} is not one the agency's tools may publish (taxii.inboxOffenceCategories)`,
    };
  const reason =
    (candidate.description ?? candidate.name ?? `Published by ${policy.account} (${candidate.objectId})`)
      .trim()
      .slice(0, MAX_REASON_LENGTH) || candidate.objectId;
  const change: WatchlistEntryChange = {
    identifierType: candidate.identifierType,
    value: candidate.value,
    reason,
    offenceCategory,
    severity: candidate.severity ?? 'MEDIUM',
    caseReference: null,
    validUntil: candidate.validUntil ?? new Date(policy.now.getTime() + INBOX_VALID_DAYS * DAY_MS).toISOString(),
  };
  try {
    entryFieldsFromInput(change, policy.now);
  } catch (error) {
    if (error instanceof InputException)
      return { kind: 'refused', message: `not a valid watchlist entry: ${error.message}` };
    throw error;
  }
  return { kind: 'entry', change };
}

function decide(
  object: unknown,
  at: string,
  schemas: StixSchemas,
  extensions: ReadonlyMap<string, NodeExtension>,
  policy: InboxPolicy,
): InboxDecision {
  const errors = schemas.validateObject(object, '', extensions);
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map((e) => `${e.pointer}: ${e.message}`);
    return { kind: 'refused', message: `not a valid STIX 2.1 object (${at}): ${shown.join('; ')}` };
  }
  const record = object as Record<string, unknown>;
  const candidate = candidateOfObject(record);
  if (candidate === undefined)
    return {
      kind: 'context',
      message: `accepted, not stored: a ${String(record.type)} becomes no watchlist entry (only indicators and identifier observables do)`,
    };
  if ('reason' in candidate) return { kind: 'refused', message: candidate.reason };
  const restricted = tooRestrictedForWatchlist(candidate.tlp);
  if (restricted) return { kind: 'refused', message: restricted };
  return entryOf(candidate, policy);
}

/** Decides every object of an envelope, in order; the second object naming an identifier adds nothing. */
export function decideInbox(
  objects: readonly unknown[],
  schemas: StixSchemas,
  extensions: ReadonlyMap<string, NodeExtension>,
  policy: InboxPolicy,
): InboxObject[] {
  const firstFor = new Map<string, string>();
  return objects.map((object, index) => {
    const { id, version } = statusIdentity(object, index, policy.requestTimestamp);
    let decision = decide(object, `/objects/${index}`, schemas, extensions, policy);
    if (decision.kind === 'entry') {
      const key = `${decision.change.identifierType} ${decision.change.value}`;
      const first = firstFor.get(key);
      if (first)
        decision = { kind: 'context', message: `accepted: ${key} is already named by ${first} in this request` };
      else firstFor.set(key, id);
    }
    return { id, version, decision };
  });
}
