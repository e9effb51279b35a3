/**
 * The answer every identifier validator gives, and the fixed vocabulary of refusal reasons.
 *
 * A reason is "<category>: <detail>", so callers (GraphQL, screening, imports) can show the detail
 * to an analyst and still branch on the category without parsing prose.
 */

export type IdentifierValidation =
  { readonly valid: true; readonly normalized: string } | { readonly valid: false; readonly reason: string };

export type IdentifierRejection = Extract<IdentifierValidation, { valid: false }>;

export const REASON_CATEGORIES = [
  'empty',
  'too long',
  'wrong length',
  'bad checksum',
  'unknown prefix',
  'mixed case',
  'invalid character',
  'invalid format',
  'invalid padding',
  'invalid witness version',
  'leading zeros',
  'out of range',
  'not a valid E.164 number',
  'unsupported type',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export function accept(normalized: string): IdentifierValidation {
  return { valid: true, normalized };
}

export function reject(category: ReasonCategory, detail: string): IdentifierRejection {
  return { valid: false, reason: `${category}: ${detail}` };
}

/** The category a reason starts with, or undefined for a reason not produced by `reject`. */
export function reasonCategory(reason: string): ReasonCategory | undefined {
  return REASON_CATEGORIES.find((category) => reason === category || reason.startsWith(`${category}:`));
}

/** Shortens a value for quoting inside a reason, so a pasted megabyte never comes back in an error. */
export function quote(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
