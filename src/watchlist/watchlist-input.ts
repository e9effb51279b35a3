import { z } from 'zod';
import { IDENTIFIER_TYPES, OFFENCE_CATEGORIES } from '../kernel/vocabulary/index.js';
import type { IdentifierType, OffenceCategory } from '../kernel/vocabulary/index.js';
import { InputException } from '../common/errors/input.exception.js';
import { inputExceptionFromZod } from '../common/errors/zod-input.js';
import { MAX_IDENTIFIER_INPUT, validateIdentifier } from '../identifiers/identifier-validation.js';
import {
  caseReferenceSchema,
  MAX_REASON_LENGTH,
  SEVERITIES,
  type Severity,
  type WatchlistEntryVersion,
} from './watchlist-entry.js';

/** What an analyst writes for an entry (add and update take the same input). */
export interface WatchlistEntryChange {
  identifierType: IdentifierType;
  value: string;
  reason: string;
  offenceCategory: OffenceCategory;
  severity: Severity;
  caseReference?: string | null;
  validUntil: Date | string;
}

/** The analyst-written part of a version, validated and normalised. */
export type EntryFields = Pick<
  WatchlistEntryVersion,
  'identifierType' | 'value' | 'reason' | 'offenceCategory' | 'severity' | 'caseReference' | 'validUntil'
>;

/** The longest an entry may stay valid from now: ten years, like the longest retention a policy allows. */
export const MAX_VALIDITY_DAYS = 3650;
const DAY_MS = 24 * 3600 * 1000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const reasonSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_REASON_LENGTH)
  .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text');

const changeSchema = z.object({
  identifierType: z.enum(IDENTIFIER_TYPES),
  value: z.string().max(MAX_IDENTIFIER_INPUT),
  reason: reasonSchema,
  offenceCategory: z.enum(OFFENCE_CATEGORIES),
  severity: z.enum(SEVERITIES),
  caseReference: caseReferenceSchema.nullish(),
  validUntil: z.union([z.date(), z.string()]),
});

/** Validates an analyst's input: the structure, the identifier (normalised) and a future validUntil. */
export function entryFieldsFromInput(input: WatchlistEntryChange, now: Date): EntryFields {
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) throw inputExceptionFromZod(parsed.error, 'input');
  const change = parsed.data;
  const identifier = validateIdentifier(change.identifierType, change.value);
  if (!identifier.valid)
    throw new InputException('input.value', `not a valid ${change.identifierType}: ${identifier.reason}`);
  const validUntil = change.validUntil instanceof Date ? change.validUntil : new Date(change.validUntil);
  if (!Number.isFinite(validUntil.getTime()))
    throw new InputException('input.validUntil', 'must be an ISO 8601 date-time');
  if (validUntil.getTime() <= now.getTime()) throw new InputException('input.validUntil', 'must be in the future');
  if (validUntil.getTime() > now.getTime() + MAX_VALIDITY_DAYS * DAY_MS) {
    throw new InputException('input.validUntil', `must be at most ${MAX_VALIDITY_DAYS} days ahead`);
  }
  return {
    identifierType: change.identifierType,
    value: identifier.normalized,
    reason: change.reason,
    offenceCategory: change.offenceCategory,
    severity: change.severity,
    ...(change.caseReference ? { caseReference: change.caseReference } : {}),
    validUntil: validUntil.toISOString(),
  };
}

/**
 * What an update may not change. The identifier and the offence category decide which partners
 * hold the entry, so changing them would leave stale copies behind; validUntil may only move later,
 * so that a node that ignores an expired version never falls back to an older live one.
 */
export function checkUpdateAllowed(current: WatchlistEntryVersion, next: EntryFields): void {
  if (next.identifierType !== current.identifierType || next.value !== current.value) {
    throw new InputException(
      'input.value',
      `the identifier of an entry cannot change (it is ${current.identifierType} ${current.value}); revoke it and add a new entry`,
    );
  }
  if (next.offenceCategory !== current.offenceCategory) {
    throw new InputException(
      'input.offenceCategory',
      `the offence category of an entry cannot change (it is ${current.offenceCategory}); revoke it and add a new entry`,
    );
  }
  if (Date.parse(next.validUntil) < Date.parse(current.validUntil)) {
    throw new InputException(
      'input.validUntil',
      `cannot move earlier than ${current.validUntil}; revoke the entry to end it now`,
    );
  }
}
