/**
 * The pure half of screening: validating a batch and folding it to the distinct (type, value)
 * keys that the set-based queries look up, so a batch full of repeats costs one lookup per key.
 */
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { validateIdentifier } from '../identifiers/index.js';

export const MAX_SCREENING_BATCH = 10_000;

export interface ScreeningItem {
  type: IdentifierType;
  value: string;
  valid: boolean;
  normalized: string | null;
  reason: string | null;
}

export interface ScreeningKeys {
  types: string[];
  values: string[];
}

export function identifierKey(type: string, value: string): string {
  // NUL cannot occur in a type name, so the pair maps to one string without ambiguity.
  return `${type}\u0000${value}`;
}

export function validateBatch(inputs: readonly { type: IdentifierType; value: string }[]): ScreeningItem[] {
  return inputs.map(({ type, value }) => {
    const result = validateIdentifier(type, value);
    return result.valid
      ? { type, value, valid: true, normalized: result.normalized, reason: null }
      : { type, value, valid: false, normalized: null, reason: result.reason };
  });
}

/** Distinct keys of the valid items, as parallel arrays for `unnest($1::text[], $2::text[])`. */
export function distinctKeys(items: readonly ScreeningItem[]): ScreeningKeys {
  const seen = new Set<string>();
  const keys: ScreeningKeys = { types: [], values: [] };
  for (const item of items) {
    if (item.normalized === null) continue;
    const key = identifierKey(item.type, item.normalized);
    if (seen.has(key)) continue;
    seen.add(key);
    keys.types.push(item.type);
    keys.values.push(item.normalized);
  }
  return keys;
}
