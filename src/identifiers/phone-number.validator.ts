/**
 * Phone numbers, normalised to E.164 (`+85512345678`) with libphonenumber-js's full metadata, so a
 * number is checked against its country's numbering plan and not only its length.
 *
 * Accepted: a leading "+" and country calling code, then digits with optional spaces, dots,
 * hyphens, slashes or parentheses (`+82 10-1234-5678`, `+855 (12) 345 678`). No default country is
 * assumed: intelligence from many countries arrives at this node, and guessing the country of
 * `012 345 678` would merge different subscribers. `00`-prefixed numbers are refused with a hint,
 * as are letters (vanity numbers) and extensions, which E.164 cannot carry.
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/core';
import { PHONE_METADATA } from './phone-metadata.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const ALLOWED = /^[0-9+\s().\-/]*$/;
/** E.164 caps a number (country code included) at 15 digits. */
const MAX_DIGITS = 15;

export function validatePhoneNumber(value: string): IdentifierValidation {
  if (!ALLOWED.test(value)) {
    const bad = [...value].find((char) => !ALLOWED.test(char)) ?? '';
    return reject(
      'invalid character',
      `${quote(bad)} cannot appear in a phone number (digits, +, spaces, ( ) . - / only)`,
    );
  }
  if (!value.startsWith('+')) {
    const hint = value.startsWith('00') ? ' (replace the leading 00 with +)' : '';
    return reject(
      'not a valid E.164 number',
      `give the number in international form with a leading + and the country calling code${hint}`,
    );
  }
  if (value.indexOf('+', 1) !== -1) {
    return reject('not a valid E.164 number', 'only one leading + is allowed');
  }
  const digits = value.replace(/\D/g, '');
  if (digits.length > MAX_DIGITS) {
    return reject('wrong length', `E.164 numbers have at most ${MAX_DIGITS} digits, this one has ${digits.length}`);
  }
  switch (validatePhoneNumberLength(value, PHONE_METADATA)) {
    case undefined:
      break;
    case 'INVALID_COUNTRY':
      return reject('unknown prefix', 'the number does not start with an assigned country calling code');
    case 'TOO_SHORT':
      return reject('wrong length', 'the number is too short for its country');
    case 'TOO_LONG':
      return reject('wrong length', 'the number is too long for its country');
    case 'INVALID_LENGTH':
      return reject('wrong length', 'no number in its country has this many digits');
    case 'NOT_A_NUMBER':
      return reject('not a valid E.164 number', 'the value is not a phone number');
  }
  const parsed = parsePhoneNumberFromString(value, PHONE_METADATA);
  if (parsed === undefined) {
    return reject('not a valid E.164 number', 'the value could not be read as a phone number');
  }
  if (!parsed.isValid()) {
    const where = parsed.country ?? `+${parsed.countryCallingCode}`;
    return reject('not a valid E.164 number', `${parsed.number} is not a valid number in the ${where} numbering plan`);
  }
  return accept(parsed.number);
}
