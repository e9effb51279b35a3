/**
 * Deterministic identifiers for the screening benchmark: key k always gives the same type and
 * value, distinct keys give distinct (type, value) pairs, and every value passes the node's own
 * validator (which also gives the normalised form stored and screened under).
 */
import { createHash } from 'node:crypto';
import { bech32 } from '@scure/base';
import type { IdentifierType } from '../../src/kernel/vocabulary/index.js';
import { encodeBase58Check } from '../../src/identifiers/base58check.codec.js';
import { validateIdentifier } from '../../src/identifiers/identifier-validation.js';

export interface BenchIdentifier {
  type: IdentifierType;
  /** As an analyst might paste it (not always the normalised spelling). */
  value: string;
  normalized: string;
}

/** Share of each type, in percent: mostly wallets, then the contact handles scam compounds use. */
const MIX: [IdentifierType, number][] = [
  ['WALLET_EVM', 30],
  ['WALLET_TRON', 20],
  ['WALLET_BTC', 15],
  ['PHONE', 10],
  ['TELEGRAM', 10],
  ['EMAIL', 10],
  ['DOMAIN', 3],
  ['IP_ADDRESS', 2],
];
const BUCKETS: IdentifierType[] = MIX.flatMap(([type, share]) => Array<IdentifierType>(share).fill(type));

function digest(k: number): Buffer {
  return createHash('sha256').update(`screen-bench:${k}`).digest();
}

/** Phone numbers and IPv4 addresses are made from k itself, so k must stay within their space. */
const MAX_KEY = 1 << 24;

function rawValue(type: IdentifierType, k: number, hash: Buffer): string {
  if (!Number.isInteger(k) || k < 0 || k >= MAX_KEY)
    throw new Error(`identifier key ${k} is outside 0..${MAX_KEY - 1}`);
  const b36 = k.toString(36);
  switch (type) {
    case 'WALLET_EVM':
      return `0x${hash.subarray(0, 20).toString('hex').toUpperCase()}`; // pasted in capitals; stored lower-case
    case 'WALLET_TRON':
      return encodeBase58Check(Uint8Array.from([0x41, ...hash.subarray(0, 20)]));
    case 'WALLET_BTC':
      return bech32.encode('bc', [0, ...bech32.toWords(hash.subarray(0, 20))]);
    case 'PHONE': {
      const n = String(k % 100_000_000).padStart(8, '0');
      return `+82 10-${n.slice(0, 4)}-${n.slice(4)}`;
    }
    case 'TELEGRAM':
      return `@pay_desk_${b36}`;
    case 'EMAIL':
      return `Payout.${b36}@Proton.me`;
    case 'DOMAIN':
      return `invest-${b36}-usdt.com`;
    case 'IP_ADDRESS':
      return `45.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
    default:
      throw new Error(`no generator for ${type}`);
  }
}

/** Key k as an identifier; throws if the node's validator would refuse it (the data must be real). */
export function identifierOf(k: number): BenchIdentifier {
  const hash = digest(k);
  // The type comes from the hash, the value from k or the hash: different keys never collide.
  const type = BUCKETS[hash.readUInt32BE(28) % BUCKETS.length];
  const value = rawValue(type, k, hash);
  const checked = validateIdentifier(type, value);
  if (!checked.valid) throw new Error(`benchmark identifier ${k} (${type} ${value}) is invalid: ${checked.reason}`);
  return { type, value, normalized: checked.normalized };
}
