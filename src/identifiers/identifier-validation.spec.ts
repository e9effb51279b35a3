import fc from 'fast-check';
import { IDENTIFIER_TYPES } from '../kernel/vocabulary/index.js';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { MAX_IDENTIFIER_INPUT, validateIdentifier } from './identifier-validation.js';
import { REASON_CATEGORIES, reasonCategory } from './validation-result.js';
import type { ReasonCategory } from './validation-result.js';

/** One real, valid value per type, with its normalised form. */
const VALID: Record<IdentifierType, readonly [string, string]> = {
  WALLET_BTC: ['BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
  WALLET_EVM: ['0xdac17f958d2ee523a2206206994597c13d831ec7', '0xdAC17F958D2ee523a2206206994597C13D831ec7'],
  WALLET_TRON: ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
  WALLET_LTC: ['LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWvd', 'LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWvd'],
  WALLET_XMR: [
    '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
    '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
  ],
  EXCHANGE_ACCOUNT: ['Binance:38291044', 'binance:38291044'],
  PHONE: ['+855 12 345 678', '+85512345678'],
  TELEGRAM: ['https://t.me/Durov', '@durov'],
  EMAIL: ['Analyst@Bücher.DE', 'Analyst@xn--bcher-kva.de'],
  BANK_ACCOUNT: ['de89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
  DARKWEB_HANDLE: ['XSS.is:vendor1', 'xss.is:vendor1'],
  IP_ADDRESS: ['2001:0DB8::0001', '2001:db8::1'],
  DOMAIN: ['Example.COM.', 'example.com'],
};

describe('validateIdentifier', () => {
  it.each(IDENTIFIER_TYPES.map((type) => [type, ...VALID[type]] as const))('%s: %s → %s', (type, value, normalized) => {
    expect(validateIdentifier(type, value)).toEqual({ valid: true, normalized });
  });

  it.each(IDENTIFIER_TYPES)('%s: normalising is idempotent', (type) => {
    const [, normalized] = VALID[type];
    expect(validateIdentifier(type, normalized)).toEqual({ valid: true, normalized });
  });

  it('drops surrounding white space and zero-width characters from copy-paste', () => {
    expect(validateIdentifier('WALLET_TRON', '\u200b TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\t\n')).toEqual({
      valid: true,
      normalized: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    });
  });

  it.each(IDENTIFIER_TYPES)('%s: an empty or blank value is "empty"', (type) => {
    expect(validateIdentifier(type, '')).toEqual({ valid: false, reason: expect.stringMatching(/^empty: /) });
    expect(validateIdentifier(type, ' \u00a0\ufeff ')).toEqual({
      valid: false,
      reason: expect.stringMatching(/^empty: /),
    });
  });

  it('refuses an oversized value before any validator sees it', () => {
    const result = validateIdentifier('DARKWEB_HANDLE', `dread:${'x'.repeat(MAX_IDENTIFIER_INPUT)}`);
    expect(result).toEqual({ valid: false, reason: expect.stringMatching(/^too long: /) });
  });

  it('refuses a type that is not an identifier type (untyped callers)', () => {
    const result = validateIdentifier('WALLET_DOGE' as IdentifierType, 'D5ERdEN1gsouFSs7zsq7VYJxyWP6dP28H1');
    expect(result).toEqual({ valid: false, reason: expect.stringMatching(/^unsupported type: /) });
  });

  // One rejection per category, through the public entry point.
  const REJECTIONS: readonly (readonly [ReasonCategory, IdentifierType, string])[] = [
    ['empty', 'EMAIL', '   '],
    ['too long', 'DOMAIN', `${'a'.repeat(MAX_IDENTIFIER_INPUT)}.com`],
    ['wrong length', 'WALLET_EVM', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA'],
    ['bad checksum', 'WALLET_BTC', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'],
    ['bad checksum', 'WALLET_XMR', `${VALID.WALLET_XMR[0].slice(0, 94)}B`],
    ['bad checksum', 'BANK_ACCOUNT', 'DE89 3704 0044 0532 0130 01'],
    ['unknown prefix', 'WALLET_LTC', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['mixed case', 'WALLET_BTC', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwF5mdq'],
    ['mixed case', 'WALLET_EVM', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'],
    ['invalid character', 'TELEGRAM', '@du-rov'],
    ['invalid format', 'EXCHANGE_ACCOUNT', '38291044'],
    ['invalid padding', 'WALLET_BTC', 'bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du'],
    ['invalid witness version', 'WALLET_BTC', 'BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2'],
    ['leading zeros', 'IP_ADDRESS', '010.1.1.1'],
    ['out of range', 'IP_ADDRESS', '256.1.1.1'],
    ['not a valid E.164 number', 'PHONE', '012 345 678'],
    ['unsupported type', 'WALLET_DOGE' as IdentifierType, 'D5ERdEN1gsouFSs7zsq7VYJxyWP6dP28H1'],
  ];

  it.each(REJECTIONS)('"%s": %s %j', (category, type, value) => {
    const result = validateIdentifier(type, value);
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(reasonCategory(result.reason)).toBe(category);
      // A category alone is not a reason: there is always a readable detail after it.
      expect(result.reason.length).toBeGreaterThan(category.length + 10);
    }
  });

  it('has a rejection test for every reason category', () => {
    expect(new Set(REJECTIONS.map(([category]) => category))).toEqual(new Set(REASON_CATEGORIES));
  });

  it.each(IDENTIFIER_TYPES)('%s: never throws and always answers in the documented shape', (type) => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (value) => {
        const result = validateIdentifier(type, value);
        if (result.valid) {
          expect(typeof result.normalized).toBe('string');
          expect(validateIdentifier(type, result.normalized)).toEqual(result);
        } else {
          expect(reasonCategory(result.reason)).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(IDENTIFIER_TYPES)('%s: a single-character edit of the valid example never throws', (type) => {
    const [value] = VALID[type];
    fc.assert(
      fc.property(fc.nat({ max: value.length - 1 }), fc.string({ minLength: 0, maxLength: 2 }), (at, insert) => {
        const edited = `${value.slice(0, at)}${insert}${value.slice(at + 1)}`;
        const result = validateIdentifier(type, edited);
        if (!result.valid) expect(reasonCategory(result.reason)).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });
});
