/**
 * Monero addresses: Monero's block base58 (8-byte blocks → 11 characters; `@scure/base`'s
 * base58xmr) over varint network prefix + public spend key + public view key (+ 8-byte payment id
 * for integrated addresses) + the first 4 bytes of keccak-256 of everything before.
 *
 * The keys are not checked to be valid ed25519 points: the checksum already catches typos, and a
 * point check would need a curve library for a case only a forged address hits.
 */
import { base58xmr } from '@scure/base';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { firstNonBase58Char } from './base58check.codec.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

export type MoneroAddressKind = 'standard' | 'integrated' | 'subaddress';
export type MoneroNetwork = 'mainnet' | 'testnet' | 'stagenet';

interface MoneroPrefix {
  readonly network: MoneroNetwork;
  readonly kind: MoneroAddressKind;
}

/** Network prefixes from Monero's cryptonote_config.h; all are below 128, so the varint is one byte. */
export const MONERO_PREFIXES: ReadonlyMap<number, MoneroPrefix> = new Map([
  [18, { network: 'mainnet', kind: 'standard' }],
  [19, { network: 'mainnet', kind: 'integrated' }],
  [42, { network: 'mainnet', kind: 'subaddress' }],
  [53, { network: 'testnet', kind: 'standard' }],
  [54, { network: 'testnet', kind: 'integrated' }],
  [63, { network: 'testnet', kind: 'subaddress' }],
  [24, { network: 'stagenet', kind: 'standard' }],
  [25, { network: 'stagenet', kind: 'integrated' }],
  [36, { network: 'stagenet', kind: 'subaddress' }],
]);

const KEYS_BYTES = 64;
const PAYMENT_ID_BYTES = 8;
const CHECKSUM_BYTES = 4;
/** 1 + 64 + 4 = 69 bytes → 95 characters; integrated 77 bytes → 106 characters. */
const STANDARD_LENGTH = 95;
const INTEGRATED_LENGTH = 106;

export function validateMoneroAddress(value: string): IdentifierValidation {
  const bad = firstNonBase58Char(value);
  if (bad !== undefined) {
    return reject('invalid character', `${quote(bad)} is not a base58 character (0, O, I and l are excluded)`);
  }
  if (value.length !== STANDARD_LENGTH && value.length !== INTEGRATED_LENGTH) {
    return reject(
      'wrong length',
      `a Monero address has ${STANDARD_LENGTH} characters (integrated: ${INTEGRATED_LENGTH}), this one has ${value.length}`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = base58xmr.decode(value);
  } catch {
    // Only a block whose value overflows its byte width gets here: lengths are checked above.
    return reject('invalid format', 'a Monero base58 block decodes to more bytes than it may hold');
  }
  const prefixByte = bytes[0] ?? 0;
  const prefix = prefixByte < 0x80 ? MONERO_PREFIXES.get(prefixByte) : undefined;
  if (prefix === undefined) {
    return reject('unknown prefix', `network prefix ${prefixByte} is not a Monero mainnet, testnet or stagenet prefix`);
  }
  const expectedBytes = 1 + KEYS_BYTES + (prefix.kind === 'integrated' ? PAYMENT_ID_BYTES : 0) + CHECKSUM_BYTES;
  if (bytes.length !== expectedBytes) {
    return reject(
      'wrong length',
      `a ${prefix.network} ${prefix.kind} address is ${expectedBytes} bytes, this one decodes to ${bytes.length}`,
    );
  }
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  const checksum = bytes.subarray(bytes.length - CHECKSUM_BYTES);
  const expected = keccak_256(body).subarray(0, CHECKSUM_BYTES);
  if (!expected.every((byte, i) => byte === checksum[i])) {
    return reject('bad checksum', 'the keccak-256 checksum of this Monero address does not match');
  }
  return accept(value);
}
