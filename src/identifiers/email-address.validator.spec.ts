import { validateEmailAddress } from './email-address.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateEmailAddress(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateEmailAddress', () => {
  it.each([
    ['john.doe@example.com', 'john.doe@example.com'],
    ['John.Doe@EXAMPLE.com', 'John.Doe@example.com'], // local part kept, domain lower-cased
    ['user+tag@mail.example.org', 'user+tag@mail.example.org'],
    ["o'brien!#$%&*=?^_`{|}~-@example.com", "o'brien!#$%&*=?^_`{|}~-@example.com"],
    ['"john doe"@example.com', '"john doe"@example.com'],
    ['"a@b\\"c"@example.com', '"a@b\\"c"@example.com'],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['用户@例子.广告', '用户@xn--fsqu00a.xn--4rr70v'], // RFC 6531 UTF-8 local part
    ['user@example.com.', 'user@example.com'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('normalises %s to %s', (value, normalized) => {
    expect(validateEmailAddress(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['john.doe.example.com', 'invalid format'], // no @
    ['@example.com', 'invalid format'],
    ['john@', 'invalid format'],
    ['.john@example.com', 'invalid format'],
    ['john.@example.com', 'invalid format'],
    ['jo..hn@example.com', 'invalid format'],
    ['john doe@example.com', 'invalid character'],
    ['john@doe@example.com', 'invalid character'],
    ['"john"doe"@example.com', 'invalid character'],
    [`${'a'.repeat(65)}@example.com`, 'wrong length'],
    [`${'é'.repeat(33)}@example.com`, 'wrong length'], // 66 octets in UTF-8
    ['john@[192.0.2.1]', 'invalid format'], // address literal
    ['john@localhost', 'invalid format'],
    ['john@exa_mple.com', 'invalid character'],
    // a 250-character domain is fine on its own, but the whole address exceeds 254
    [`abcdefghij@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(54)}.com`, 'wrong length'],
  ])('refuses %j: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
