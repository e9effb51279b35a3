/**
 * Tor v3 onion service addresses (rend-spec-v3 §6 "Encoding onion addresses"):
 * base32(PUBKEY[32] | CHECKSUM[2] | VERSION[1]) + ".onion", 56 characters, where
 * CHECKSUM = SHA3-256(".onion checksum" | PUBKEY | VERSION)[:2] and VERSION = 3.
 */
import { base32 } from '@scure/base';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const V3_LENGTH = 56;
const V2_LENGTH = 16;
const CHECKSUM_PREFIX = utf8ToBytes('.onion checksum');

/** Whether the value is meant as an onion address (so its failures are reported as such). */
export function looksLikeOnion(value: string): boolean {
  return /^[^:/]*\.onion\/?$/i.test(value.replace(/^https?:\/\//i, ''));
}

/** Validates `[http(s)://]<56 base32>.onion[/]`, normalised to the lower-case bare host. */
export function validateOnionAddress(value: string): IdentifierValidation {
  const host = value
    .replace(/^https?:\/\//i, '')
    .replace(/\/$/, '')
    .toLowerCase();
  const label = host.slice(0, -'.onion'.length);
  if (label.includes('.')) {
    return reject('invalid format', 'give the onion service address without subdomains');
  }
  const bad = [...label].find((char) => !/[a-z2-7]/.test(char));
  if (bad !== undefined) return reject('invalid character', `${quote(bad)} is not a base32 character (a-z, 2-7)`);
  if (label.length === V2_LENGTH) {
    return reject(
      'wrong length',
      'v2 onion addresses (16 characters) were retired in 2021; only v3 (56 characters) are accepted',
    );
  }
  if (label.length !== V3_LENGTH) {
    return reject(
      'wrong length',
      `a v3 onion address has ${V3_LENGTH} characters before .onion, this one has ${label.length}`,
    );
  }
  const bytes = base32.decode(label.toUpperCase());
  const pubkey = bytes.subarray(0, 32);
  const checksum = bytes.subarray(32, 34);
  const version = bytes[34] ?? 0;
  const data = new Uint8Array(CHECKSUM_PREFIX.length + 33);
  data.set(CHECKSUM_PREFIX);
  data.set(pubkey, CHECKSUM_PREFIX.length);
  data[data.length - 1] = version;
  const expected = sha3_256(data);
  if (expected[0] !== checksum[0] || expected[1] !== checksum[1]) {
    return reject('bad checksum', 'the SHA3-256 checksum of this onion address does not match');
  }
  // After the checksum: a typo in the last character changes the version bits too.
  if (version !== 3) return reject('unknown prefix', `onion address version ${version} is not 3`);
  return accept(`${label}.onion`);
}
