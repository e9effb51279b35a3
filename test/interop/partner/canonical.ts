// RFC 8785 (JCS) canonical JSON and strict unpadded base64url, written from PROTOCOL.md §1 alone.
// Written by hand on purpose: a partner's own encoder is what this interop test exercises.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function jcsString(s: string): string {
  if (LONE_SURROGATE.test(s)) throw new Error('not I-JSON: lone surrogate');
  return JSON.stringify(s); // ES2019+ JSON.stringify escapes exactly as JCS §3.2.2.2 asks
}

/** JCS text of an I-JSON value: members sorted by UTF-16 code units, ECMAScript numbers, no whitespace. */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not I-JSON: non-finite number');
    return JSON.stringify(value); // Number::toString, -0 → "0"
  }
  if (typeof value === 'string') return jcsString(value);
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // Default sort compares UTF-16 code units, which is what JCS §3.2.3 prescribes.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${jcsString(k)}:${canonicalize(v)}`).join(',')}}`;
  }
  throw new Error(`not JSON: ${typeof value}`);
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const canonicalBytes = (value: unknown): Uint8Array => utf8(canonicalize(value));

/** Decodes UTF-8 and refuses invalid sequences (§7: "the text, if given as bytes, is valid UTF-8"). */
export function strictUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

export function b64u(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** Strict b64u (§1): only the url alphabet, no padding, length ≢ 1 mod 4, zero unused bits. */
export function fromB64u(text: string, what = 'value'): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error(`${what}: not unpadded base64url`);
  const bytes = Buffer.from(text, 'base64url');
  // Re-encoding gives back the input only for the single accepted spelling of these bytes.
  if (bytes.toString('base64url') !== text) throw new Error(`${what}: not the canonical base64url spelling`);
  return new Uint8Array(bytes);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
