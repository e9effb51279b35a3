import { bech32, hex } from '@scure/base';
import { encodeBase58Check } from './base58check.codec.js';
import { validateLitecoinAddress } from './litecoin-address.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateLitecoinAddress(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

const HASH160 = hex.decode('751e76e8199196d454941c45d1b3a323f1433bd6');

describe('validateLitecoinAddress', () => {
  it.each([
    ['LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWvd', 'P2PKH (L…)'],
    ['M7zVKQKmtV5Rc7erVGVVC3khZbXxsS5HEX', 'P2SH (M…)'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'legacy P2SH (3…)'],
    ['ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9', 'P2WPKH'],
  ])('accepts %s (%s)', (address) => {
    expect(validateLitecoinAddress(address)).toEqual({ valid: true, normalized: address });
  });

  // No published testnet vectors: these are built from a known hash with each network prefix.
  it.each([
    ['testnet P2PKH 0x6f', encodeBase58Check(Uint8Array.from([0x6f, ...HASH160]))],
    ['testnet P2SH 0x3a', encodeBase58Check(Uint8Array.from([0x3a, ...HASH160]))],
    ['testnet bech32 tltc', bech32.encode('tltc', [0, ...bech32.toWords(HASH160)])],
  ])('accepts a %s address', (_kind, address) => {
    expect(validateLitecoinAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it('lower-cases an upper-case bech32 address', () => {
    expect(validateLitecoinAddress('LTC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KGMN4N9')).toEqual({
      valid: true,
      normalized: 'ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9',
    });
  });

  it.each([
    ['LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWve', 'bad checksum'],
    ['ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n8', 'bad checksum'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'unknown prefix'], // Bitcoin P2PKH
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'unknown prefix'], // Bitcoin bech32
    ['Ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9', 'mixed case'],
    ['LKKHMBjCU89fyFNgSRprDoD8Jb25N8', 'wrong length'],
  ])('refuses %s: %s', (value, category) => {
    expect(categoryOf(value)).toBe(category);
  });
});
