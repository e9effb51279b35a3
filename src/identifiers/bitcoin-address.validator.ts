/**
 * Bitcoin addresses: base58check P2PKH/P2SH and native segwit (bech32 v0, bech32m v1+), on
 * mainnet, testnet (testnet3/4 and signet share prefixes) and regtest.
 */
import { decodeBase58Check } from './base58check.codec.js';
import { decodeSegwitAddress, looksLikeBech32 } from './segwit-address.codec.js';
import { accept, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

/** Version byte → kind, for the sentence in a reason and for tests. */
const BASE58_VERSIONS: ReadonlyMap<number, string> = new Map([
  [0x00, 'mainnet P2PKH'],
  [0x05, 'mainnet P2SH'],
  [0x6f, 'testnet P2PKH'],
  [0xc4, 'testnet P2SH'],
]);

export const BITCOIN_HRPS = ['bc', 'tb', 'bcrt'] as const;

/** Routes to the segwit decoder when the value starts with a Bitcoin HRP or is bech32-shaped. */
function isSegwitCandidate(value: string, hrps: readonly string[]): boolean {
  const lower = value.toLowerCase();
  return hrps.some((hrp) => lower.startsWith(`${hrp}1`)) || looksLikeBech32(value);
}

export function validateBitcoinAddress(value: string): IdentifierValidation {
  if (isSegwitCandidate(value, BITCOIN_HRPS)) {
    const segwit = decodeSegwitAddress(value, BITCOIN_HRPS, 'Bitcoin segwit address');
    return segwit.ok ? accept(segwit.normalized) : segwit.rejection;
  }
  const decoded = decodeBase58Check(value, 21, 'Bitcoin base58 address');
  if (!decoded.ok) return decoded.rejection;
  if (!BASE58_VERSIONS.has(decoded.version)) {
    return reject(
      'unknown prefix',
      `version byte 0x${decoded.version.toString(16).padStart(2, '0')} is not a Bitcoin address version (0x00, 0x05, 0x6f, 0xc4)`,
    );
  }
  // Base58 is case-sensitive: the address is already canonical.
  return accept(value);
}
