import { validateEvmAddress } from './evm-address.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateEvmAddress(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

/** EIP-55 "Test Cases": all caps, all lower, and normal mixed-case checksums. */
const EIP55_VECTORS = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

describe('validateEvmAddress', () => {
  it.each(EIP55_VECTORS)('EIP-55 vector %s is valid and already canonical', (address) => {
    expect(validateEvmAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it.each(EIP55_VECTORS)('the lower- and upper-case spellings of %s normalise to it', (address) => {
    const body = address.slice(2);
    expect(validateEvmAddress(`0x${body.toLowerCase()}`)).toEqual({ valid: true, normalized: address });
    expect(validateEvmAddress(`0x${body.toUpperCase()}`)).toEqual({ valid: true, normalized: address });
  });

  it.each([
    ['0xdAC17F958D2ee523a2206206994597C13D831ec7', 'USDT (Tether) on Ethereum'],
    ['0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', 'USDC on Ethereum'],
    ['0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045', 'vitalik.eth'],
  ])('accepts the real address %s (%s)', (address) => {
    expect(validateEvmAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it('accepts an upper-case 0X prefix with an all-upper-case body', () => {
    expect(validateEvmAddress('0XDAC17F958D2EE523A2206206994597C13D831EC7')).toEqual({
      valid: true,
      normalized: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
    });
  });

  it('refuses a mixed-case spelling that does not match EIP-55', () => {
    // One letter's case flipped in the first EIP-55 vector.
    const result = validateEvmAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD');
    expect(result).toEqual({ valid: false, reason: expect.stringMatching(/^mixed case: .*bad checksum/) });
  });

  it.each([
    ['5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'unknown prefix'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA', 'wrong length'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedAA', 'wrong length'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg', 'invalid character'],
  ])('refuses %s: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
