import { validateBankAccount } from './bank-account.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateBankAccount(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateBankAccount', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'], // the standard IBAN example
    ['de89370400440532013000', 'DE89370400440532013000'],
    ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
    ['NL91ABNA0417164300', 'NL91ABNA0417164300'],
    ['BE68 5390 0754 7034', 'BE68539007547034'],
    ['CH93 0076 2011 6238 5295 7', 'CH9300762011623852957'],
  ])('accepts IBAN %s as %s', (value, normalized) => {
    expect(validateBankAccount(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['US:021000021:1234567890', 'US:021000021:1234567890'],
    ['kh:abaakhpp:000 123 456', 'KH:ABAAKHPP:000123456'],
    ['GB:12-34-56:12345678', 'GB:123456:12345678'],
  ])('accepts country:bank:account %s as %s', (value, normalized) => {
    expect(validateBankAccount(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['123456', '123456'],
    ['123-456-789', '123456789'],
    ['0012 3456 7890', '001234567890'],
  ])('accepts the plain account number %s as %s', (value, normalized) => {
    expect(validateBankAccount(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['DE89 3704 0044 0532 0130 01', 'bad checksum'], // IBAN check digits
    ['BE68 5390 0754 7035', 'bad checksum'],
    ['DE89 3704 0044 0532 0130 0', 'wrong length'],
    ['US89 3704 0044 0532 0130 00', 'unknown prefix'], // the US issues no IBANs
    ['DE89 3704 0044 0532 0130 0!', 'invalid character'],
    ['XX:021000021:1234567890', 'unknown prefix'],
    ['EU:021000021:1234567890', 'unknown prefix'],
    ['US:021000021', 'invalid format'],
    ['US::1234567890', 'wrong length'],
    ['US:0210_00021:1234567890', 'invalid character'],
    ['12345', 'wrong length'],
    ['1'.repeat(35), 'wrong length'],
    ['123--456', 'invalid format'],
    ['account 123456', 'invalid format'],
  ])('refuses %s: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
