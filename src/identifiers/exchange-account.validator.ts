/**
 * Exchange accounts: `<exchange>:<account id>`, e.g. `binance:38291044` or `okx:trader@example.com`.
 * The exchange is a slug compared case-insensitively, so it is lower-cased; the account id is
 * exchange-defined and may be case-sensitive, so only Unicode NFC is applied to it.
 */
import { PLATFORM_SLUG, codePointLength, describeChar, firstInvisibleChar, firstWhitespaceChar } from './text-rules.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const MAX_ACCOUNT_ID = 128;

export function validateExchangeAccount(value: string): IdentifierValidation {
  // Split at the first colon: account ids may contain colons themselves.
  const colon = value.indexOf(':');
  if (colon === -1) {
    return reject('invalid format', 'expected "<exchange>:<account id>", e.g. "binance:38291044"');
  }
  const exchange = value.slice(0, colon).toLowerCase();
  const accountId = value.slice(colon + 1).normalize('NFC');
  if (!PLATFORM_SLUG.test(exchange)) {
    return reject(
      'invalid format',
      `exchange ${quote(exchange)} must be a slug of letters, digits and inner . _ - (1–64 characters), e.g. "binance"`,
    );
  }
  const invisible = firstInvisibleChar(accountId);
  if (invisible !== undefined) {
    return reject(
      'invalid character',
      `the account id contains the non-printable character ${describeChar(invisible)}`,
    );
  }
  const space = firstWhitespaceChar(accountId);
  if (space !== undefined) {
    return reject('invalid character', `the account id contains white space (${describeChar(space)})`);
  }
  const length = codePointLength(accountId);
  if (length < 1 || length > MAX_ACCOUNT_ID) {
    return reject('wrong length', `an account id has 1–${MAX_ACCOUNT_ID} characters, this one has ${length}`);
  }
  return accept(`${exchange}:${accountId}`);
}
