import { OFFENCE_CATEGORIES, type IdentifierType, type OffenceCategory } from '../kernel/vocabulary/index.js';
import { tlpRank, type Tlp } from '../kernel/vocabulary/index.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { SEVERITIES, type Severity } from '../watchlist/watchlist-entry.js';
import { candidateTypes, parseSimplePattern, type PatternTerm } from './stix-observables.js';
import type { StixSchemaError, StixSchemas } from './stix-schemas.js';
import { tlpOfMarking } from './stix-vocabulary.js';

// A STIX bundle → what could be imported: indicators naming one identifier of a known type, each
// validated and normalised like an analyst's input; everything else refused with the reason. Pure:
// the service decides where the identifiers go and writes them in one transaction.

export interface ImportCandidate {
  objectId: string;
  identifierType: IdentifierType;
  /** Normalised by validateIdentifier. */
  value: string;
  name?: string;
  description?: string;
  offenceCategory?: OffenceCategory;
  severity?: Severity;
  validUntil?: string;
  caseReference?: string;
  /** The strictest TLP the producer marked the object with, if any. */
  tlp?: Tlp;
}

/** TLP 1.0 RED: MISP's STIX export still writes the TLP 1.0 marking definitions. */
const TLP1_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';

/** The strictest TLP among an object's marking references (TLP 2.0 ids, and TLP 1.0 RED). */
export function strictestTlp(object: Record<string, unknown>): Tlp | undefined {
  const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  let strictest: Tlp | undefined;
  for (const ref of refs) {
    const tlp = typeof ref === 'string' ? (ref === TLP1_RED ? 'RED' : tlpOfMarking(ref)) : undefined;
    if (tlp && (!strictest || tlpRank(tlp) > tlpRank(strictest))) strictest = tlp;
  }
  return strictest;
}

/**
 * Watchlist entries go to partners as TLP:AMBER: what its producer marked stricter may go into a
 * case, never into the watchlist. The reason, or undefined when it may.
 */
export function tooRestrictedForWatchlist(tlp: Tlp | undefined): string | undefined {
  if (tlp !== 'RED' && tlp !== 'AMBER_STRICT') return undefined;
  return `marked TLP:${tlp === 'RED' ? 'RED' : 'AMBER+STRICT'}, but watchlist entries go to partners as TLP:AMBER`;
}

export interface ImportRefusal {
  objectId: string;
  reason: string;
}

export interface ImportPlan {
  candidates: ImportCandidate[];
  refused: ImportRefusal[];
  /** Objects that are not indicators (identities, markings, observables ...): read, not imported. */
  otherObjects: number;
}

export class InvalidBundleError extends Error {
  constructor(readonly errors: StixSchemaError[]) {
    const shown = errors.slice(0, 10).map((e) => `${e.pointer}: ${e.message}`);
    super(
      `not a valid STIX 2.1 bundle: ${shown.join('; ')}${errors.length > shown.length ? `; and ${errors.length - shown.length} more` : ''}`,
    );
  }
}

type Indicator = Record<string, unknown> & { id: string; pattern: string; pattern_type: string };

const fromLabel = (labels: string[], prefix: string): string[] =>
  labels
    .filter((l) => l.startsWith(`${prefix}:`))
    .map((l) =>
      l
        .slice(prefix.length + 1)
        .toUpperCase()
        .replace(/-/g, '_'),
    );

/** The identifier a pattern names, validated; or the reason it cannot be imported. */
export function identifierOfPattern(
  pattern: string,
  typeHint?: string,
): { type: IdentifierType; value: string } | { reason: string } {
  const terms = parseSimplePattern(pattern);
  if (!terms)
    return {
      reason:
        'the pattern is not one observation of equality comparisons joined by AND, so it names no single identifier',
    };
  if (new Set(terms.map((t) => t.objectType)).size > 1)
    return { reason: 'the pattern compares more than one object type' };
  return identifierOfTerms(terms, typeHint);
}

/** The identifier equality terms name (one object type), validated; or the reason it cannot be taken. */
function identifierOfTerms(
  terms: PatternTerm[],
  typeHint?: string,
): { type: IdentifierType; value: string } | { reason: string } {
  const accountType = terms.find((t) => t.objectType === 'user-account' && t.property === 'account_type')?.value;
  const named = terms.filter((t) => !(t.objectType === 'user-account' && t.property === 'account_type'));
  if (named.length !== 1)
    return { reason: `the pattern must compare exactly one identifying property, it compares ${named.length}` };
  const term: PatternTerm = named[0];
  let types = candidateTypes(term, accountType);
  if (types.length === 0) {
    const detail =
      term.objectType === 'user-account'
        ? ` with account_type ${accountType ?? '(none)'}; expected telegram, cryptocurrency-exchange or darkweb`
        : '';
    return {
      reason: `unknown identifier type: ${term.objectType}:${term.property}${detail} has no identifier type on this node`,
    };
  }
  if (typeHint && types.includes(typeHint as IdentifierType)) types = [typeHint as IdentifierType];
  let firstRefusal: string | undefined;
  for (const type of types) {
    const result = validateIdentifier(type, term.value);
    if (result.valid) return { type, value: result.normalized };
    firstRefusal ??= `not a valid ${types.length > 1 ? `${types.join(' or ')} (as ${type})` : type}: ${result.reason}`;
  }
  return { reason: firstRefusal as string };
}

/** The property an identifier observable is read from, in order of preference (OpenCTI's first). */
const OBSERVABLE_KEYS: Readonly<Record<string, readonly string[]>> = {
  'cryptocurrency-wallet': ['value', 'address'],
  'phone-number': ['value', 'number'],
  'bank-account': ['iban', 'value', 'account'],
  'email-addr': ['value'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value'],
  'user-account': ['user_id', 'account_login'],
};

/** Whether a STIX type is an observable the node reads identifiers from. */
export function isIdentifierObservable(type: unknown): boolean {
  return typeof type === 'string' && type in OBSERVABLE_KEYS;
}

/** The identifier a cyber-observable names, validated; or the reason it cannot be taken. */
export function identifierOfObservable(
  sco: Record<string, unknown>,
): { type: IdentifierType; value: string } | { reason: string } {
  const type = sco.type as string;
  const key = (OBSERVABLE_KEYS[type] ?? []).find((k) => typeof sco[k] === 'string');
  if (!key) return { reason: `the ${type} observable names no ${(OBSERVABLE_KEYS[type] ?? []).join(' or ')}` };
  const terms: PatternTerm[] = [{ objectType: type, property: key, value: sco[key] as string }];
  if (typeof sco.account_type === 'string')
    terms.push({ objectType: type, property: 'account_type', value: sco.account_type });
  return identifierOfTerms(terms);
}

function observableCandidate(sco: Record<string, unknown> & { id: string }): ImportCandidate | ImportRefusal {
  const identifier = identifierOfObservable(sco);
  if ('reason' in identifier) return { objectId: sco.id, reason: identifier.reason };
  const candidate: ImportCandidate = { objectId: sco.id, identifierType: identifier.type, value: identifier.value };
  const tlp = strictestTlp(sco);
  if (tlp) candidate.tlp = tlp;
  // OpenCTI writes a description of its observables here.
  if (typeof sco.x_opencti_description === 'string') candidate.description = sco.x_opencti_description;
  return candidate;
}

/**
 * What one STIX object gives: an indicator naming one identifier, or an identifier observable, as a
 * candidate or a refusal with the reason; undefined for anything else (identities, markings ...).
 */
export function candidateOfObject(object: Record<string, unknown>): ImportCandidate | ImportRefusal | undefined {
  if (object.type === 'indicator') return candidateOf(object as Indicator);
  if (isIdentifierObservable(object.type))
    return observableCandidate(object as Record<string, unknown> & { id: string });
  return undefined;
}

function candidateOf(indicator: Indicator): ImportCandidate | ImportRefusal {
  const objectId = indicator.id;
  if (indicator.revoked === true) return { objectId, reason: 'the indicator is revoked' };
  if (indicator.pattern_type !== 'stix')
    return { objectId, reason: `pattern_type ${indicator.pattern_type} is not supported (only stix)` };
  const labels = Array.isArray(indicator.labels)
    ? indicator.labels.filter((l): l is string => typeof l === 'string')
    : [];
  const identifier = identifierOfPattern(indicator.pattern, fromLabel(labels, 'identifier')[0]);
  if ('reason' in identifier) return { objectId, reason: identifier.reason };
  const candidate: ImportCandidate = { objectId, identifierType: identifier.type, value: identifier.value };
  const tlp = strictestTlp(indicator);
  if (tlp) candidate.tlp = tlp;
  if (typeof indicator.name === 'string') candidate.name = indicator.name;
  if (typeof indicator.description === 'string') candidate.description = indicator.description;
  const offence = fromLabel(labels, 'offence').find((c) => OFFENCE_CATEGORIES.includes(c as OffenceCategory));
  if (offence) candidate.offenceCategory = offence as OffenceCategory;
  const severity = fromLabel(labels, 'severity').find((s) => SEVERITIES.includes(s as Severity));
  if (severity) candidate.severity = severity as Severity;
  if (typeof indicator.valid_until === 'string') candidate.validUntil = indicator.valid_until;
  const references = Array.isArray(indicator.external_references)
    ? (indicator.external_references as Record<string, unknown>[])
    : [];
  const caseRef = references.find((r) => r.source_name === 'fed-node-case' && typeof r.external_id === 'string');
  if (caseRef) candidate.caseReference = caseRef.external_id as string;
  return candidate;
}

/** Validates the bundle against the STIX schemas (throwing InvalidBundleError) and plans the import. */
export function planImport(bundle: unknown, schemas: StixSchemas): ImportPlan {
  const errors = schemas.validateBundle(bundle);
  if (errors.length > 0) throw new InvalidBundleError(errors);
  const objects = (bundle as { objects: Record<string, unknown>[] }).objects;
  const plan: ImportPlan = { candidates: [], refused: [], otherObjects: 0 };
  const seen = new Map<string, string>();
  for (const object of objects) {
    if (object.type !== 'indicator') {
      plan.otherObjects++;
      continue;
    }
    const result = candidateOf(object as Indicator);
    if ('reason' in result) {
      plan.refused.push(result);
      continue;
    }
    const key = `${result.identifierType} ${result.value}`;
    const first = seen.get(key);
    if (first) {
      plan.refused.push({ objectId: result.objectId, reason: `${key} is already named by ${first} in this bundle` });
      continue;
    }
    seen.set(key, result.objectId);
    plan.candidates.push(result);
  }
  return plan;
}
