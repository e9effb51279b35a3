import { validateDomainName } from './domain-name.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateDomainName(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateDomainName', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'], // case and the root dot are not identity
    ['sub.my-shop.co.uk', 'sub.my-shop.co.uk'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['BÜCHER.DE', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['example。com', 'example.com'], // ideographic full stop, mapped by UTS-46
    ['123.example', '123.example'], // numeric labels are fine below the TLD
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
  ])('normalises %s to %s', (value, normalized) => {
    expect(validateDomainName(value)).toEqual({ valid: true, normalized });
  });

  it('accepts a 253-character name and refuses 254', () => {
    const label = 'a'.repeat(63);
    const name253 = `${label}.${label}.${label}.${'a'.repeat(57)}.com`; // 3×64 + 58 + 3 = 253
    expect(name253).toHaveLength(253);
    expect(validateDomainName(name253)).toEqual({ valid: true, normalized: name253 });
    expect(categoryOf(`a${name253}`)).toBe('wrong length');
  });

  it.each([
    ['localhost', 'invalid format'], // single label
    ['example.123', 'invalid format'], // all-numeric TLD
    ['192.168.1.1', 'invalid format'], // an IP address
    ['-shop.example.com', 'invalid format'],
    ['shop-.example.com', 'invalid format'],
    ['a..example.com', 'invalid format'],
    ['.example.com', 'invalid format'],
    [`${'a'.repeat(64)}.com`, 'wrong length'],
    ['_dmarc.example.com', 'invalid character'],
    ['exa mple.com', 'invalid character'],
    ['https://example.com', 'invalid format'],
    ['example.com/path', 'invalid format'],
    ['example.com:8080', 'invalid format'],
    ['xn--zz.com', 'invalid format'], // undecodable punycode
    ['a\u200cb.com', 'invalid character'], // zero-width non-joiner
    ['\u0300a.com', 'invalid format'], // IDNA: a label cannot start with a combining mark
  ])('refuses %j: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
