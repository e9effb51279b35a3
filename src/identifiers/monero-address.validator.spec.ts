import { base58xmr } from '@scure/base';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { validateMoneroAddress } from './monero-address.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateMoneroAddress(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

/** The Monero General Fund donation address, published on getmonero.org. */
const DONATION = '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A';

/** Re-encodes the donation address's keys under another prefix (testnet/stagenet vectors). */
function withPrefix(prefix: number, extra: Uint8Array = new Uint8Array(0)): string {
  const keys = base58xmr.decode(DONATION).subarray(1, 65);
  const body = Uint8Array.from([prefix, ...keys, ...extra]);
  return base58xmr.encode(Uint8Array.from([...body, ...keccak_256(body).subarray(0, 4)]));
}

describe('validateMoneroAddress', () => {
  it('accepts the published donation address (standard, 95 characters)', () => {
    expect(DONATION).toHaveLength(95);
    expect(validateMoneroAddress(DONATION)).toEqual({ valid: true, normalized: DONATION });
  });

  it.each([
    [
      'subaddress (42)',
      '888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H',
    ],
    [
      'integrated (19)',
      '4LL9oSLmtpccfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2bYXZKKQePHES9khPK',
    ],
  ])('accepts the Monero documentation example %s', (_kind, address) => {
    expect(validateMoneroAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it.each([
    ['testnet standard', withPrefix(53)],
    ['testnet subaddress', withPrefix(63)],
    ['testnet integrated', withPrefix(54, new Uint8Array(8).fill(1))],
    ['stagenet standard', withPrefix(24)],
    ['stagenet subaddress', withPrefix(36)],
    ['stagenet integrated', withPrefix(25, new Uint8Array(8).fill(2))],
  ])('accepts a %s address', (_kind, address) => {
    expect(validateMoneroAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it.each([
    ['one character changed', `${DONATION.slice(0, 94)}B`, 'bad checksum'],
    [
      'a middle character changed',
      `${DONATION.slice(0, 40)}${DONATION[40] === 'a' ? 'b' : 'a'}${DONATION.slice(41)}`,
      'bad checksum',
    ],
    ['truncated', DONATION.slice(0, 94), 'wrong length'],
    ['a 0 (not base58)', `${DONATION.slice(0, 94)}0`, 'invalid character'],
    ['unknown network prefix', withPrefix(17), 'unknown prefix'],
    ['integrated length with a standard prefix', withPrefix(18, new Uint8Array(8)), 'wrong length'],
    ['a block that overflows 8 bytes', `${'z'.repeat(11)}${DONATION.slice(11)}`, 'invalid format'],
  ])('refuses %s', (_what, value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
