/**
 * Base58Check decoding (Bitcoin, Litecoin, TRON) that says *why* a string fails.
 *
 * `@scure/base` does the base conversion; the checks are ours because its base58check coder throws
 * one generic error, and an analyst needs to know whether a character, the length or the checksum
 * is wrong.
 */
import { base58 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { quote, reject } from './validation-result.js';
import type { IdentifierRejection } from './validation-result.js';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_CHAR = new Set(BASE58_ALPHABET);
const CHECKSUM_BYTES = 4;

export type Base58CheckDecoded =
  | { readonly ok: true; readonly version: number; readonly payload: Uint8Array }
  | { readonly ok: false; readonly rejection: IdentifierRejection };

/** The first character that is not in the Bitcoin base58 alphabet (0, O, I, l and anything non-alphanumeric). */
export function firstNonBase58Char(value: string): string | undefined {
  for (const char of value) if (!BASE58_CHAR.has(char)) return char;
  return undefined;
}

function doubleSha256Checksum(data: Uint8Array): Uint8Array {
  return sha256(sha256(data)).subarray(0, CHECKSUM_BYTES);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Decodes `value` and checks the 4-byte double-SHA-256 checksum. `payloadBytes` is the expected
 * length of version byte + hash (21 for all three chains): a wrong length is reported before the
 * checksum, because a truncated paste is likelier than a typo and more useful to name.
 */
export function decodeBase58Check(value: string, payloadBytes: number, label: string): Base58CheckDecoded {
  const bad = firstNonBase58Char(value);
  if (bad !== undefined) {
    return {
      ok: false,
      rejection: reject('invalid character', `${quote(bad)} is not a base58 character (0, O, I and l are excluded)`),
    };
  }
  const bytes = base58.decode(value);
  if (bytes.length !== payloadBytes + CHECKSUM_BYTES) {
    return {
      ok: false,
      rejection: reject(
        'wrong length',
        `a ${label} decodes to ${payloadBytes + CHECKSUM_BYTES} bytes, this one to ${bytes.length}`,
      ),
    };
  }
  const payload = bytes.subarray(0, payloadBytes);
  if (!bytesEqual(doubleSha256Checksum(payload), bytes.subarray(payloadBytes))) {
    return { ok: false, rejection: reject('bad checksum', `the base58check checksum of this ${label} does not match`) };
  }
  return { ok: true, version: payload[0] ?? -1, payload };
}

/** Encodes version byte + hash with its checksum; used by tests to build vectors for rare prefixes. */
export function encodeBase58Check(payload: Uint8Array): string {
  const out = new Uint8Array(payload.length + CHECKSUM_BYTES);
  out.set(payload);
  out.set(doubleSha256Checksum(payload), payload.length);
  return base58.encode(out);
}
