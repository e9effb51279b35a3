import { validatePhoneNumber } from './phone-number.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validatePhoneNumber(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validatePhoneNumber', () => {
  it.each([
    ['+855 12 345 678', '+85512345678'], // Cambodia mobile
    ['+82 10-1234-5678', '+821012345678'], // South Korea mobile
    ['+82 2-312-3456', '+8223123456'], // Seoul landline
    ['+1 (650) 253-0000', '+16502530000'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+7 (495) 123-45-67', '+74951234567'],
    ['+800 1234 5678', '+80012345678'], // non-geographic (UIFN)
    ['+85512345678', '+85512345678'],
  ])('normalises %s to %s', (value, normalized) => {
    expect(validatePhoneNumber(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['012 345 678', 'not a valid E.164 number'], // national form, no country assumed
    ['0085512345678', 'not a valid E.164 number'], // 00 prefix: hint to use +
    ['+855 12 34', 'wrong length'],
    ['+855 12 345 678 999', 'wrong length'],
    ['+1234567890123456', 'wrong length'], // more than 15 digits
    ['+999 123456', 'unknown prefix'], // unassigned country calling code
    ['+1 555 555 5555', 'not a valid E.164 number'], // fits the length, not the plan
    ['+855 23 123 456', 'not a valid E.164 number'],
    ['+1-800-FLOWERS', 'invalid character'],
    ['+1 650 253 0000 ext. 12', 'invalid character'],
    ['+855+12345678', 'not a valid E.164 number'],
  ])('refuses %s: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });

  it('hints at replacing 00 with +', () => {
    expect(validatePhoneNumber('0085512345678')).toEqual({
      valid: false,
      reason: expect.stringContaining('replace the leading 00'),
    });
  });
});
