/**
 * Bech32 / Bech32m strings (BIP-173, BIP-350) and native segwit addresses built on them.
 *
 * `@scure/base` computes the checksums and the 5-to-8-bit conversion; the checks around it are
 * ours so each failure gets the reason the BIPs give it (mixed case, bad checksum, wrong length…).
 */
import { bech32, bech32m } from '@scure/base';
import { quote, reject } from './validation-result.js';
import type { IdentifierRejection } from './validation-result.js';

/** BIP-173: a whole bech32 string is at most 90 characters. */
export const BECH32_MAX_LENGTH = 90;
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CHECKSUM_LENGTH = 6;

export type Bech32Encoding = 'bech32' | 'bech32m';

export type Bech32Decoded =
  | { readonly ok: true; readonly hrp: string; readonly words: readonly number[]; readonly encoding: Bech32Encoding }
  | { readonly ok: false; readonly rejection: IdentifierRejection };

export type SegwitDecoded =
  | {
      readonly ok: true;
      readonly hrp: string;
      readonly version: number;
      readonly program: Uint8Array;
      /** Lower case: BIP-173 makes the lower-case form canonical. */
      readonly normalized: string;
    }
  | { readonly ok: false; readonly rejection: IdentifierRejection };

function fail(rejection: IdentifierRejection): { ok: false; rejection: IdentifierRejection } {
  return { ok: false, rejection };
}

/**
 * Decodes any bech32 or bech32m string. When `allowedHrps` is given, the human-readable part is
 * checked before the checksum: "this is not a Bitcoin address" beats "the checksum is wrong".
 */
export function decodeBech32String(
  value: string,
  allowedHrps?: readonly string[],
  label = 'bech32 string',
): Bech32Decoded {
  if (value.length > BECH32_MAX_LENGTH) {
    return fail(
      reject('wrong length', `a ${label} is at most ${BECH32_MAX_LENGTH} characters, this one has ${value.length}`),
    );
  }
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 33 || code > 126) {
      return fail(
        reject(
          'invalid character',
          `${quote(char)} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) is outside the printable ASCII range`,
        ),
      );
    }
  }
  const lower = value.toLowerCase();
  if (lower !== value && value.toUpperCase() !== value) {
    return fail(reject('mixed case', `a ${label} must be all lower-case or all upper-case`));
  }
  const separator = lower.lastIndexOf('1');
  if (separator === -1) return fail(reject('invalid format', `a ${label} needs the "1" separator`));
  if (separator === 0) return fail(reject('invalid format', `the human-readable part before "1" is empty`));
  const hrp = lower.slice(0, separator);
  const data = lower.slice(separator + 1);
  if (allowedHrps !== undefined && !allowedHrps.includes(hrp)) {
    return fail(
      reject('unknown prefix', `${quote(hrp)} is not a ${label} prefix (expected ${allowedHrps.join(', ')})`),
    );
  }
  for (const char of data) {
    if (!CHARSET.includes(char)) {
      return fail(reject('invalid character', `${quote(char)} is not a bech32 character (1, b, i and o are excluded)`));
    }
  }
  if (data.length < CHECKSUM_LENGTH) {
    return fail(reject('wrong length', `the data part is shorter than the ${CHECKSUM_LENGTH}-character checksum`));
  }
  const asBech32 = bech32.decodeUnsafe(lower, BECH32_MAX_LENGTH);
  if (asBech32) return { ok: true, hrp, words: asBech32.words, encoding: 'bech32' };
  const asBech32m = bech32m.decodeUnsafe(lower, BECH32_MAX_LENGTH);
  if (asBech32m) return { ok: true, hrp, words: asBech32m.words, encoding: 'bech32m' };
  return fail(reject('bad checksum', `neither the bech32 nor the bech32m checksum of this ${label} matches`));
}

/**
 * Decodes a native segwit address (witness v0 with bech32, v1–v16 with bech32m). The variant is
 * checked last so the BIP-173 vectors keep their stated reasons (padding, program length) and a
 * BIP-350 variant mix-up still reads as a checksum failure.
 */
export function decodeSegwitAddress(value: string, allowedHrps: readonly string[], label: string): SegwitDecoded {
  const decoded = decodeBech32String(value, allowedHrps, label);
  if (!decoded.ok) return decoded;
  const [version, ...programWords] = decoded.words;
  if (version === undefined) {
    return fail(reject('wrong length', `the data part is empty: no witness version and no program`));
  }
  if (version > 16) {
    return fail(reject('invalid witness version', `witness version ${version} does not exist (0–16)`));
  }
  const program = bech32.fromWordsUnsafe(programWords);
  if (!program) {
    return fail(reject('invalid padding', `the witness program has more than 4 padding bits or non-zero padding`));
  }
  if (program.length < 2 || program.length > 40) {
    return fail(reject('wrong length', `a witness program is 2–40 bytes, this one is ${program.length}`));
  }
  if (version === 0 && program.length !== 20 && program.length !== 32) {
    return fail(
      reject('wrong length', `a witness v0 program is 20 or 32 bytes (BIP-141), this one is ${program.length}`),
    );
  }
  const expected: Bech32Encoding = version === 0 ? 'bech32' : 'bech32m';
  if (decoded.encoding !== expected) {
    return fail(
      reject(
        'bad checksum',
        `witness version ${version} needs a ${expected} checksum (BIP-350), this address has a ${decoded.encoding} one`,
      ),
    );
  }
  return { ok: true, hrp: decoded.hrp, version, program, normalized: value.toLowerCase() };
}

/**
 * Whether `value` is shaped like a bech32 address (letters, "1", bech32 characters, one case), so
 * an unknown prefix such as `ltc1…` pasted as Bitcoin gets "unknown prefix", not a base58 error.
 */
export function looksLikeBech32(value: string): boolean {
  return (
    /^[a-z]{1,83}1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,}$/.test(value) ||
    /^[A-Z]{1,83}1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{6,}$/.test(value)
  );
}
