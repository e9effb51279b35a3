import { validateExchangeAccount } from './exchange-account.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateExchangeAccount(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateExchangeAccount', () => {
  it.each([
    ['binance:38291044', 'binance:38291044'],
    ['Binance:38291044', 'binance:38291044'],
    ['OKX:trader@example.com', 'okx:trader@example.com'],
    ['huobi:UID:9912', 'huobi:UID:9912'], // colons after the first belong to the id
    ['crypto.com:AbC-123', 'crypto.com:AbC-123'], // id case is kept
    [`kraken:${'x'.repeat(128)}`, `kraken:${'x'.repeat(128)}`],
  ])('normalises %s to %s', (value, normalized) => {
    expect(validateExchangeAccount(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['38291044', 'invalid format'], // no exchange
    [':38291044', 'invalid format'],
    ['bin ance:38291044', 'invalid format'],
    ['-binance:1', 'invalid format'],
    ['binance:', 'wrong length'],
    [`kraken:${'x'.repeat(129)}`, 'wrong length'],
    ['binance:382 91044', 'invalid character'],
    ['binance:3829\u200b1044', 'invalid character'], // zero-width space
    ['binance:3829\n1044', 'invalid character'],
  ])('refuses %j: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
