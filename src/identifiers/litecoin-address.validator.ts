/**
 * Litecoin addresses: base58check (L…, M…, legacy 3…; testnet m/n…, Q… and legacy 2…) and native segwit
 * with `ltc` / `tltc` (and regtest `rltc`). MWEB addresses (`ltcmweb1…`) are not accepted yet.
 */
import { decodeBase58Check } from './base58check.codec.js';
import { decodeSegwitAddress, looksLikeBech32 } from './segwit-address.codec.js';
import { accept, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const BASE58_VERSIONS: ReadonlyMap<number, string> = new Map([
  [0x30, 'mainnet P2PKH (L…)'],
  [0x32, 'mainnet P2SH (M…)'],
  // Litecoin used Bitcoin's P2SH byte before 0x32; old 3… addresses still circulate.
  [0x05, 'legacy mainnet P2SH (3…)'],
  [0x6f, 'testnet P2PKH'],
  [0x3a, 'testnet P2SH (Q…)'],
  [0xc4, 'legacy testnet P2SH (2…)'],
]);

export const LITECOIN_HRPS = ['ltc', 'tltc', 'rltc'] as const;

export function validateLitecoinAddress(value: string): IdentifierValidation {
  const lower = value.toLowerCase();
  if (lower.startsWith('ltcmweb1') || lower.startsWith('tmweb1')) {
    return reject('unknown prefix', 'MWEB addresses (ltcmweb1…) are not supported; give the ordinary L/M/ltc1 address');
  }
  if (LITECOIN_HRPS.some((hrp) => lower.startsWith(`${hrp}1`)) || looksLikeBech32(value)) {
    const segwit = decodeSegwitAddress(value, LITECOIN_HRPS, 'Litecoin segwit address');
    return segwit.ok ? accept(segwit.normalized) : segwit.rejection;
  }
  const decoded = decodeBase58Check(value, 21, 'Litecoin base58 address');
  if (!decoded.ok) return decoded.rejection;
  if (!BASE58_VERSIONS.has(decoded.version)) {
    const hint = decoded.version === 0x00 ? ' (0x00 is a Bitcoin P2PKH address)' : '';
    return reject(
      'unknown prefix',
      `version byte 0x${decoded.version.toString(16).padStart(2, '0')} is not a Litecoin address version${hint}`,
    );
  }
  return accept(value);
}
