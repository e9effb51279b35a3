import { reasonCategory, type ReasonCategory } from './validation-result.js';

/** Each refusal category as a stable code, for clients that word the reason in the reader's language. */
export const REASON_CODES = {
  empty: 'EMPTY',
  'too long': 'TOO_LONG',
  'wrong length': 'WRONG_LENGTH',
  'bad checksum': 'BAD_CHECKSUM',
  'unknown prefix': 'UNKNOWN_PREFIX',
  'mixed case': 'MIXED_CASE',
  'invalid character': 'INVALID_CHARACTER',
  'invalid format': 'INVALID_FORMAT',
  'invalid padding': 'INVALID_PADDING',
  'invalid witness version': 'INVALID_WITNESS_VERSION',
  'leading zeros': 'LEADING_ZEROS',
  'out of range': 'OUT_OF_RANGE',
  'not a valid E.164 number': 'NOT_E164',
  'unsupported type': 'UNSUPPORTED_TYPE',
} as const satisfies Record<ReasonCategory, string>;

export type IdentifierReasonCode = (typeof REASON_CODES)[ReasonCategory];
export const IDENTIFIER_REASON_CODES = Object.values(REASON_CODES) as IdentifierReasonCode[];

/** The code of a refusal reason ("bad checksum: …" → BAD_CHECKSUM); null for no reason or one no validator writes. */
export function identifierReasonCode(reason: string | null | undefined): IdentifierReasonCode | null {
  const category = reason ? reasonCategory(reason) : undefined;
  return category ? REASON_CODES[category] : null;
}
