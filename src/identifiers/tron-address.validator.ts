/** TRON addresses: base58check over 0x41 + 20-byte account hash, so every address starts with T. */
import { hex } from '@scure/base';
import { decodeBase58Check, encodeBase58Check } from './base58check.codec.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const TRON_VERSION = 0x41;
/** The hex form (41 + 20-byte hash) that TRON's node APIs return; it carries no checksum. */
const TRON_HEX = /^(?:0x)?(41[0-9a-fA-F]{40})$/;

export function validateTronAddress(value: string): IdentifierValidation {
  const hexForm = TRON_HEX.exec(value)?.[1];
  if (hexForm !== undefined) {
    // Same account, so it must screen as the same key: normalise to the base58 form.
    return accept(encodeBase58Check(hex.decode(hexForm.toLowerCase())));
  }
  if (!value.startsWith('T')) {
    return reject(
      'unknown prefix',
      `a TRON address starts with "T" (or is 41 + 40 hex digits), this one with ${quote(value.slice(0, 1))}`,
    );
  }
  const decoded = decodeBase58Check(value, 21, 'TRON address');
  if (!decoded.ok) return decoded.rejection;
  if (decoded.version !== TRON_VERSION) {
    return reject(
      'unknown prefix',
      `version byte 0x${decoded.version.toString(16).padStart(2, '0')} is not TRON's 0x41`,
    );
  }
  return accept(value);
}
