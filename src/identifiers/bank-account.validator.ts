/**
 * Bank accounts. Three shapes are accepted, tried in this order:
 *
 * 1. `<country>:<bank code>:<account>` (any value with a colon), e.g. `KH:ABAAKHPP:000123456`,
 *    `US:021000021:1234567890`, `GB:12-34-56:12345678`. Country is ISO 3166-1 alpha-2; bank code
 *    (BIC, routing number, sort code…) 1–35 and account 1–34 letters or digits. Spaces, dots
 *    and hyphens are formatting and removed; everything is upper-cased.
 * 2. IBAN — anything starting with two letters and two digits: country length, national format,
 *    the ISO 7064 mod-97 check digits and, where ibantools knows them, national check digits
 *    are verified (ibantools). Normalised to the electronic form: no spaces, upper case.
 * 3. Plain account number: 6–34 digits, optionally grouped by spaces or hyphens; normalised to
 *    the digits alone, so `123-456-789` and `123456789` screen as the same account.
 */
import { ValidationErrorsIBAN, electronicFormatIBAN, getCountrySpecifications, validateIBAN } from 'ibantools';
import { KNOWN_REGIONS } from './phone-metadata.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const IBAN_LIKE = /^[A-Za-z]{2}[0-9]{2}/;
const FORMATTING = /[\s.-]/g;
const MAX_BANK_CODE = 35;
const MAX_ACCOUNT = 34;
const MIN_PLAIN_DIGITS = 6;
const MAX_PLAIN_DIGITS = 34;

function validateIban(value: string): IdentifierValidation {
  const iban = electronicFormatIBAN(value) ?? '';
  const bad = [...iban].find((char) => !/[A-Z0-9]/.test(char));
  if (bad !== undefined) return reject('invalid character', `${quote(bad)} cannot appear in an IBAN`);
  const { errorCodes } = validateIBAN(iban);
  const country = iban.slice(0, 2);
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) {
    return reject('unknown prefix', `${country} is not a country that issues IBANs`);
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    const expected = getCountrySpecifications()[country]?.chars;
    const want = expected ? `${expected} characters` : 'a different length';
    return reject('wrong length', `a ${country} IBAN has ${want}, this one has ${iban.length}`);
  }
  if (
    errorCodes.includes(ValidationErrorsIBAN.ChecksumNotNumber) ||
    errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)
  ) {
    return reject('bad checksum', 'the IBAN check digits (mod 97) do not match');
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    return reject('invalid format', `the account part does not follow the ${country} IBAN format`);
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return reject('bad checksum', `the national ${country} check digits inside the IBAN do not match`);
  }
  if (errorCodes.length > 0) return reject('invalid format', 'not a valid IBAN');
  return accept(iban);
}

function validateStructured(value: string): IdentifierValidation {
  const parts = value.split(':');
  if (parts.length !== 3) {
    return reject('invalid format', 'expected "<country>:<bank code>:<account>", e.g. "US:021000021:1234567890"');
  }
  const [rawCountry = '', rawBank = '', rawAccount = ''] = parts;
  const country = rawCountry.trim().toUpperCase();
  // libphonenumber's region list: ISO 3166-1 alpha-2 territories plus XK (Kosovo), no "EU" or "ZZ".
  if (!/^[A-Z]{2}$/.test(country) || !KNOWN_REGIONS.has(country)) {
    return reject('unknown prefix', `${quote(rawCountry)} is not an ISO 3166-1 alpha-2 country code`);
  }
  const bank = rawBank.replace(FORMATTING, '').toUpperCase();
  const account = rawAccount.replace(FORMATTING, '').toUpperCase();
  for (const [name, part, max] of [
    ['bank code', bank, MAX_BANK_CODE],
    ['account', account, MAX_ACCOUNT],
  ] as const) {
    const bad = [...part].find((char) => !/[A-Z0-9]/.test(char));
    if (bad !== undefined)
      return reject('invalid character', `${quote(bad)} cannot appear in the ${name} (letters and digits only)`);
    if (part.length < 1 || part.length > max) {
      return reject('wrong length', `the ${name} has 1–${max} letters or digits, this one has ${part.length}`);
    }
  }
  return accept(`${country}:${bank}:${account}`);
}

function validatePlain(value: string): IdentifierValidation {
  if (!/^[0-9]+(?:[ -][0-9]+)*$/.test(value)) {
    return reject('invalid format', 'digits may only be grouped by single spaces or hyphens');
  }
  const digits = value.replace(/\D/g, '');
  if (digits.length < MIN_PLAIN_DIGITS || digits.length > MAX_PLAIN_DIGITS) {
    return reject(
      'wrong length',
      `a plain account number has ${MIN_PLAIN_DIGITS}–${MAX_PLAIN_DIGITS} digits, this one has ${digits.length}`,
    );
  }
  return accept(digits);
}

export function validateBankAccount(value: string): IdentifierValidation {
  if (value.includes(':')) return validateStructured(value);
  if (IBAN_LIKE.test(value)) return validateIban(value);
  if (/^[0-9][0-9 -]*$/.test(value)) return validatePlain(value);
  return reject(
    'invalid format',
    'expected an IBAN, "<country>:<bank code>:<account>" or a plain account number of 6–34 digits',
  );
}
