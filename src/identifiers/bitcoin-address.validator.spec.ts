import { bech32, hex } from '@scure/base';
import { encodeBase58Check } from './base58check.codec.js';
import { validateBitcoinAddress } from './bitcoin-address.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateBitcoinAddress(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

describe('validateBitcoinAddress', () => {
  it.each([
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'genesis block coinbase, P2PKH'],
    ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'mainnet P2PKH, Bitcoin wiki example'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'mainnet P2SH'],
    ['mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', 'testnet P2PKH'],
    ['2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc', 'testnet P2SH'],
  ])('accepts base58 %s (%s) unchanged', (address) => {
    expect(validateBitcoinAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it.each([
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'P2WPKH'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'P2TR (BIP-350)'],
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'testnet P2WSH (BIP-173)'],
  ])('accepts segwit %s (%s)', (address) => {
    expect(validateBitcoinAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it('normalises an upper-case bech32 address to lower case', () => {
    expect(validateBitcoinAddress('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toEqual({
      valid: true,
      normalized: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    });
  });

  it('accepts a regtest bcrt address', () => {
    // Same v0 program as the BIP-173 vector, re-encoded for regtest.
    const program = hex.decode('751e76e8199196d454941c45d1b3a323f1433bd6');
    const address = bech32.encode('bcrt', [0, ...bech32.toWords(program)]);
    expect(validateBitcoinAddress(address)).toEqual({ valid: true, normalized: address });
  });

  it.each([
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', 'bad checksum'], // last character changed
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf', 'wrong length'], // truncated
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0', 'invalid character'], // 0 is not base58
    ['LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWvd', 'unknown prefix'], // Litecoin P2PKH (0x30)
    ['ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9', 'unknown prefix'], // Litecoin bech32
    ['Bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'mixed case'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp', 'bad checksum'],
  ])('refuses %s: %s', (address, category) => {
    expect(categoryOf(address)).toBe(category);
  });

  it('names the version byte of a foreign base58check address', () => {
    const dogecoinLike = encodeBase58Check(Uint8Array.from([0x1e, ...new Uint8Array(20)]));
    expect(validateBitcoinAddress(dogecoinLike)).toEqual({
      valid: false,
      reason: expect.stringMatching(/^unknown prefix: version byte 0x1e/),
    });
  });
});
