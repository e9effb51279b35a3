/**
 * Dark-web identities, in one of two shapes:
 *
 * - `<forum or market>:<handle>`, e.g. `dread:/u/someone`, `xss.is:vendor1`. The platform is a
 *   lower-cased slug (letters, digits, inner . _ -, 1–64); the handle is 1–128 printable
 *   characters, kept as written (NFC), since forums differ on case and allow spaces.
 * - a v3 onion service address, checksum-verified and lower-cased (see onion-address.codec.ts).
 */
import { looksLikeOnion, validateOnionAddress } from './onion-address.codec.js';
import { PLATFORM_SLUG, codePointLength, describeChar, firstInvisibleChar } from './text-rules.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const MAX_HANDLE = 128;

export function validateDarkwebHandle(value: string): IdentifierValidation {
  if (looksLikeOnion(value)) return validateOnionAddress(value);
  const colon = value.indexOf(':');
  if (colon === -1) {
    return reject(
      'invalid format',
      'expected "<forum or market>:<handle>" (e.g. "dread:/u/someone") or a v3 .onion address',
    );
  }
  const platform = value.slice(0, colon).toLowerCase();
  const handle = value.slice(colon + 1).normalize('NFC');
  if (!PLATFORM_SLUG.test(platform)) {
    return reject(
      'invalid format',
      `forum or market ${quote(platform)} must be a slug of letters, digits and inner . _ - (1–64 characters)`,
    );
  }
  const invisible = firstInvisibleChar(handle);
  if (invisible !== undefined) {
    return reject('invalid character', `the handle contains the non-printable character ${describeChar(invisible)}`);
  }
  if (handle.trim() !== handle) return reject('invalid format', 'the handle cannot start or end with white space');
  const length = codePointLength(handle);
  if (length < 1 || length > MAX_HANDLE) {
    return reject('wrong length', `a handle has 1–${MAX_HANDLE} characters, this one has ${length}`);
  }
  return accept(`${platform}:${handle}`);
}
