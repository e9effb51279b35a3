import { validateIpAddress } from './ip-address.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateIpAddress(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateIpAddress', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
  ])('accepts IPv4 %s', (value, normalized) => {
    expect(validateIpAddress(value)).toEqual({ valid: true, normalized });
  });

  // RFC 5952 §4: leading zeros dropped, longest zero run compressed (first on a tie), a single
  // zero group not compressed, lower case; §5: mixed notation for IPv4-mapped addresses.
  it.each([
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'],
    ['::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['::FFFF:192.0.2.1', '::ffff:192.0.2.1'],
    ['::ffff:0:192.0.2.1', '::ffff:0:192.0.2.1'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
  ])('normalises IPv6 %s to %s', (value, normalized) => {
    expect(validateIpAddress(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['010.1.1.1', 'leading zeros'],
    ['192.168.001.1', 'leading zeros'],
    ['256.1.1.1', 'out of range'],
    ['1.2.3', 'invalid format'],
    ['1.2.3.4.5', 'invalid format'],
    ['1..3.4', 'invalid format'],
    ['0x7f.0.0.1', 'invalid character'],
    ['192.0.2.1:80', 'invalid format'],
    ['192.0.2.0/24', 'invalid format'],
    ['fe80::1%eth0', 'invalid format'],
    ['[2001:db8::1]', 'invalid format'],
    ['2001:db8::1::1', 'invalid format'],
    ['2001:db8::g', 'invalid character'],
    ['1:2:3:4:5:6:7:8:9', 'invalid format'],
  ])('refuses %s: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
