import { OFFENCE_CATEGORIES, type IdentifierType, type OffenceCategory } from '../cases/case-content.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { SEVERITIES, type Severity } from '../watchlist/watchlist-entry.js';
import { candidateTypes, parseSimplePattern, type PatternTerm } from './stix-observables.js';
import type { StixSchemaError, StixSchemas } from './stix-schemas.js';

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
    super(`not a valid STIX 2.1 bundle: ${shown.join('; ')}${errors.length > shown.length ? `; and ${errors.length - shown.length} more` : ''}`);
  }
}

type Indicator = Record<string, unknown> & { id: string; pattern: string; pattern_type: string };

const fromLabel = (labels: string[], prefix: string): string[] =>
  labels.filter((l) => l.startsWith(`${prefix}:`)).map((l) => l.slice(prefix.length + 1).toUpperCase().replace(/-/g, '_'));

/** The identifier a pattern names, validated; or the reason it cannot be imported. */
export function identifierOfPattern(pattern: string, typeHint?: string): { type: IdentifierType; value: string } | { reason: string } {
  const terms = parseSimplePattern(pattern);
  if (!terms) return { reason: 'the pattern is not one observation of equality comparisons joined by AND, so it names no single identifier' };
  if (new Set(terms.map((t) => t.objectType)).size > 1) return { reason: 'the pattern compares more than one object type' };
  const accountType = terms.find((t) => t.objectType === 'user-account' && t.property === 'account_type')?.value;
  const named = terms.filter((t) => !(t.objectType === 'user-account' && t.property === 'account_type'));
  if (named.length !== 1) return { reason: `the pattern must compare exactly one identifying property, it compares ${named.length}` };
  const term: PatternTerm = named[0];
  let types = candidateTypes(term, accountType);
  if (types.length === 0) {
    const detail = term.objectType === 'user-account' ? ` with account_type ${accountType ?? '(none)'}; expected telegram, cryptocurrency-exchange or darkweb` : '';
    return { reason: `unknown identifier type: ${term.objectType}:${term.property}${detail} has no identifier type on this node` };
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

function candidateOf(indicator: Indicator): ImportCandidate | ImportRefusal {
  const objectId = indicator.id;
  if (indicator.revoked === true) return { objectId, reason: 'the indicator is revoked' };
  if (indicator.pattern_type !== 'stix') return { objectId, reason: `pattern_type ${indicator.pattern_type} is not supported (only stix)` };
  const labels = Array.isArray(indicator.labels) ? indicator.labels.filter((l): l is string => typeof l === 'string') : [];
  const identifier = identifierOfPattern(indicator.pattern, fromLabel(labels, 'identifier')[0]);
  if ('reason' in identifier) return { objectId, reason: identifier.reason };
  const candidate: ImportCandidate = { objectId, identifierType: identifier.type, value: identifier.value };
  if (typeof indicator.name === 'string') candidate.name = indicator.name;
  if (typeof indicator.description === 'string') candidate.description = indicator.description;
  const offence = fromLabel(labels, 'offence').find((c) => OFFENCE_CATEGORIES.includes(c as OffenceCategory));
  if (offence) candidate.offenceCategory = offence as OffenceCategory;
  const severity = fromLabel(labels, 'severity').find((s) => SEVERITIES.includes(s as Severity));
  if (severity) candidate.severity = severity as Severity;
  if (typeof indicator.valid_until === 'string') candidate.validUntil = indicator.valid_until;
  const references = Array.isArray(indicator.external_references) ? (indicator.external_references as Record<string, unknown>[]) : [];
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
