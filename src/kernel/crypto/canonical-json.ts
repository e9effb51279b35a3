import canonicalizeModule from 'canonicalize';

type Canonicalize = (input: unknown) => string | undefined;
// canonicalize 2.x is CommonJS (`module.exports = fn`) while its typings declare a default export, so
// from an ES module the runtime value is the function itself; accept either shape.
const canonicalizeExport: unknown = canonicalizeModule;
const canonicalize = (
  typeof canonicalizeExport === 'function' ? canonicalizeExport : (canonicalizeExport as { default: unknown }).default
) as Canonicalize;

/** A value that survives a JSON round trip unchanged (I-JSON, RFC 7493). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Deeper nesting is refused so hostile input cannot exhaust the stack of the recursive walkers. */
export const MAX_JSON_DEPTH = 100;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * Throws a TypeError naming the path of the first value that is not plain I-JSON: non-finite numbers,
 * undefined, functions, symbols, bigints, class instances (Date, Map, Buffer ...), strings with lone
 * surrogates (RFC 8785 requires I-JSON input; other implementations would reject them), or nesting
 * beyond MAX_JSON_DEPTH. `canonicalize` itself would silently call toJSON or emit "undefined".
 */
export function assertJsonValue(value: unknown, path = '$', depth = 0): asserts value is JsonValue {
  if (depth > MAX_JSON_DEPTH) throw new TypeError(`${path}: nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: number ${value} is not allowed in JSON`);
    return;
  }
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) throw new TypeError(`${path}: string contains a lone UTF-16 surrogate`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertJsonValue(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${path}: only plain objects are allowed, got ${describe(value)}`);
    }
    for (const key of Object.keys(value)) {
      if (hasLoneSurrogate(key)) throw new TypeError(`${path}: key contains a lone UTF-16 surrogate`);
      assertJsonValue((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new TypeError(`${path}: symbol keys are not allowed`);
    return;
  }
  throw new TypeError(`${path}: ${typeof value} is not allowed in JSON`);
}

function describe(value: object): string {
  const name = (value.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name : 'a non-plain object';
}

/** RFC 8785 (JCS) canonical form of an already validated value. */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  // Only reachable for `undefined`, which the JsonValue type excludes; kept as a guard for JS callers.
  if (text === undefined) throw new TypeError('value cannot be canonicalised');
  return text;
}

/** Validate, then canonicalise. Use this for anything that did not come from our own validated types. */
export function canonicalJsonChecked(value: unknown, path = '$'): string {
  assertJsonValue(value, path);
  return canonicalJson(value);
}

/**
 * Canonical form of a value whose shape our own validators already guarantee (a validated header or
 * recipient list). Skips the I-JSON walk; typed loosely because TypeScript interfaces with optional
 * fields are not assignable to JsonValue.
 */
export function canonicalJsonTrusted(value: object): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised');
  return text;
}
