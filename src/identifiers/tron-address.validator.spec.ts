import { validateTronAddress } from './tron-address.validator.js';
import { encodeBase58Check } from './base58check.codec.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateTronAddress(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateTronAddress', () => {
  it.each([
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'USDT TRC-20 contract'],
    ['TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8', 'USDC TRC-20 contract'],
    ['TDt9YtfuttvxD2Jv8F8v4JEDbnBBb1jVNt', 'account'],
  ])('accepts %s (%s)', (address) => {
    expect(validateTronAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it('normalises the hex form to base58', () => {
    expect(validateTronAddress('41a614f803b6fd780986a42c78ec9c7f77e6ded13c')).toEqual({
      valid: true,
      normalized: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    });
    expect(validateTronAddress('0x41A614F803B6FD780986A42C78EC9C7F77E6DED13C')).toEqual({
      valid: true,
      normalized: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    });
  });

  it.each([
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u', 'bad checksum'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj', 'wrong length'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj60', 'invalid character'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'unknown prefix'], // Bitcoin
  ])('refuses %s: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });

  it('refuses a T… string whose version byte is not 0x41', () => {
    // 0x42 also encodes to a leading T; only 0x41 is TRON.
    const address = encodeBase58Check(Uint8Array.from([0x42, ...new Uint8Array(20).fill(7)]));
    expect(address.startsWith('T')).toBe(true);
    expect(categoryOf(address)).toBe('unknown prefix');
  });
});
