import { validateTelegramHandle } from './telegram-handle.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateTelegramHandle(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateTelegramHandle', () => {
  it.each([
    ['@durov', '@durov'],
    ['@Crypto_Support24', '@crypto_support24'],
    ['durov', '@durov'],
    ['t.me/durov', '@durov'],
    ['https://t.me/Durov/', '@durov'],
    ['http://www.t.me/durov', '@durov'],
    ['https://telegram.me/durov', '@durov'],
    ['https://t.me/s/durov', '@durov'], // public channel preview
    ['https://t.me/somebot?start=ref123', '@somebot'], // bot deep link
    ['@a2345', '@a2345'], // 5 characters
    [`@a${'b'.repeat(31)}`, `@a${'b'.repeat(31)}`], // 32 characters
  ])('normalises %s to %s', (value, normalized) => {
    expect(validateTelegramHandle(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['@abcd', 'wrong length'],
    [`@a${'b'.repeat(32)}`, 'wrong length'],
    ['@1durov', 'invalid format'], // must start with a letter
    ['@_durov', 'invalid format'],
    ['@durov_', 'invalid format'], // trailing underscore
    ['@du__rov', 'invalid format'], // double underscore
    ['@du-rov', 'invalid character'],
    ['@дуров', 'invalid character'],
    ['https://t.me/+AbCdEfGhIjK', 'invalid format'], // invite link
    ['https://t.me/joinchat/AbCdEf', 'invalid format'],
    ['https://t.me/durov/123', 'invalid format'], // message link
    ['https://example.com/durov', 'invalid format'],
  ])('refuses %s: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
