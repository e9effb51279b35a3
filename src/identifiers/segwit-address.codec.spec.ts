/**
 * Published vectors from BIP-173 ("Test vectors") and BIP-350 ("Test vectors for Bech32m",
 * "Test vectors for v0-v16 native segregated witness addresses"), copied verbatim.
 */
import { hex } from '@scure/base';
import { decodeBech32String, decodeSegwitAddress } from './segwit-address.codec.js';
import { reasonCategory } from './validation-result.js';
import type { ReasonCategory } from './validation-result.js';

const ANY_HRP = undefined;

function scriptPubKey(version: number, program: Uint8Array): string {
  const op = version === 0 ? 0x00 : 0x50 + version;
  return hex.encode(Uint8Array.from([op, program.length, ...program]));
}

function decodeAddress(address: string): ReturnType<typeof decodeSegwitAddress> {
  return decodeSegwitAddress(address, ['bc', 'tb'], 'segwit address');
}

function categoryOf(result: { ok: false; rejection: { reason: string } } | { ok: true }): ReasonCategory | undefined {
  return result.ok ? undefined : reasonCategory(result.rejection.reason);
}

describe('BIP-173 bech32 strings', () => {
  it.each([
    'A12UEL5L',
    'a12uel5l',
    'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
    'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
    '11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j',
    'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
    '?1ezyfcl',
  ])('%s is valid bech32', (value) => {
    const decoded = decodeBech32String(value, ANY_HRP);
    expect(decoded).toMatchObject({ ok: true, encoding: 'bech32' });
  });

  it.each<[string, ReasonCategory]>([
    ['\x201nwldj5', 'invalid character'], // HRP character out of range
    ['\x7f1axkwrx', 'invalid character'], // HRP character out of range
    ['\x801eym55h', 'invalid character'], // HRP character out of range
    ['an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx', 'wrong length'],
    ['pzry9x0s0muk', 'invalid format'], // no separator character
    ['1pzry9x0s0muk', 'invalid format'], // empty HRP
    ['x1b4n0q5v', 'invalid character'], // invalid data character
    ['li1dgmt3', 'wrong length'], // too short checksum
    ['de1lg7wt\xff', 'invalid character'], // invalid character in checksum
    ['A1G7SGD8', 'bad checksum'], // checksum calculated with uppercase form of HRP
    ['10a06t8', 'invalid format'], // empty HRP
    ['1qzzfhee', 'invalid format'], // empty HRP
  ])('%j is invalid (%s)', (value, category) => {
    expect(categoryOf(decodeBech32String(value, ANY_HRP))).toBe(category);
  });
});

describe('BIP-350 bech32m strings', () => {
  it.each([
    'A1LQFN3A',
    'a1lqfn3a',
    'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
    'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
    '11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8',
    'split1checkupstagehandshakeupstreamerranterredcaperredlc445v',
    '?1v759aa',
  ])('%s is valid bech32m (and so not bech32)', (value) => {
    expect(decodeBech32String(value, ANY_HRP)).toMatchObject({ ok: true, encoding: 'bech32m' });
  });

  it.each<[string, ReasonCategory]>([
    ['\x201xj0phk', 'invalid character'], // HRP character out of range
    ['\x7f1g6xzxy', 'invalid character'], // HRP character out of range
    ['\x801vctc34', 'invalid character'], // HRP character out of range
    ['an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4', 'wrong length'],
    ['qyrz8wqd2c9m', 'invalid format'], // no separator character
    ['1qyrz8wqd2c9m', 'invalid format'], // empty HRP
    ['y1b0jsk6g', 'invalid character'], // invalid data character
    ['lt1igcx5c0', 'invalid character'], // invalid data character
    ['in1muywd', 'wrong length'], // too short checksum
    ['mm1crxm3i', 'invalid character'], // invalid character in checksum
    ['au1s5cgom', 'invalid character'], // invalid character in checksum
    ['M1VUXWEZ', 'bad checksum'], // checksum calculated with uppercase form of HRP
    ['16plkw9', 'invalid format'], // empty HRP
    ['1p2gdwpf', 'invalid format'], // empty HRP
  ])('%j is invalid (%s)', (value, category) => {
    expect(categoryOf(decodeBech32String(value, ANY_HRP))).toBe(category);
  });
});

describe('BIP-350 valid segwit addresses', () => {
  it.each([
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', '0014751e76e8199196d454941c45d1b3a323f1433bd6'],
    [
      'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
      '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262',
    ],
    [
      'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
      '5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6',
    ],
    ['BC1SW50QGDZ25J', '6002751e'],
    ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', '5210751e76e8199196d454941c45d1b3a323'],
    [
      'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy',
      '0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433',
    ],
    [
      'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c',
      '5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433',
    ],
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798',
    ],
  ])('%s decodes to scriptPubKey %s', (address, script) => {
    const decoded = decodeAddress(address);
    if (!decoded.ok) throw new Error(decoded.rejection.reason);
    expect(scriptPubKey(decoded.version, decoded.program)).toBe(script);
    expect(decoded.normalized).toBe(address.toLowerCase());
  });
});

describe('BIP-350 invalid segwit addresses', () => {
  it.each<[string, ReasonCategory, string]>([
    ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', 'unknown prefix', 'invalid human-readable part'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'bad checksum', 'Bech32 instead of Bech32m'],
    ['tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', 'bad checksum', 'Bech32 instead of Bech32m'],
    ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'bad checksum', 'Bech32 instead of Bech32m'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'bad checksum', 'Bech32m instead of Bech32'],
    ['tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', 'bad checksum', 'Bech32m instead of Bech32'],
    [
      'bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4',
      'invalid character',
      'invalid character in checksum',
    ],
    [
      'BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R',
      'invalid witness version',
      'invalid witness version',
    ],
    ['bc1pw5dgrnzv', 'wrong length', 'invalid program length (1 byte)'],
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav',
      'wrong length',
      'invalid program length (41 bytes)',
    ],
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'wrong length', 'invalid program length for witness version 0'],
    ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', 'mixed case', 'mixed case'],
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf',
      'invalid padding',
      'zero padding of more than 4 bits',
    ],
    [
      'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j',
      'invalid padding',
      'non-zero padding in 8-to-5 conversion',
    ],
    ['bc1gmk9yu', 'wrong length', 'empty data section'],
  ])('%s is refused: %s (BIP: %s)', (address, category) => {
    expect(categoryOf(decodeAddress(address))).toBe(category);
  });
});

describe('BIP-173 segwit address vectors under BIP-350 rules', () => {
  it.each([
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', '0014751e76e8199196d454941c45d1b3a323f1433bd6'],
    [
      'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
      '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262',
    ],
    [
      'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy',
      '0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433',
    ],
  ])('witness v0 %s stays valid', (address, script) => {
    const decoded = decodeAddress(address);
    if (!decoded.ok) throw new Error(decoded.rejection.reason);
    expect(scriptPubKey(decoded.version, decoded.program)).toBe(script);
  });

  // BIP-173 listed these v1+ addresses with bech32 checksums; BIP-350 replaced them.
  it.each([
    'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx',
    'BC1SW50QA3JX3S',
    'bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj',
  ])('v1+ with a bech32 checksum, %s, is now a bad checksum', (address) => {
    expect(categoryOf(decodeAddress(address))).toBe('bad checksum');
  });

  it.each<[string, ReasonCategory]>([
    ['tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty', 'unknown prefix'], // invalid human-readable part
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'bad checksum'], // invalid checksum
    ['BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2', 'invalid witness version'],
    ['bc1rw5uspcuh', 'wrong length'], // invalid program length
    ['bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90', 'wrong length'],
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'wrong length'], // v0 program length (BIP-141)
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7', 'mixed case'],
    ['bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du', 'invalid padding'], // zero padding of more than 4 bits
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv', 'invalid padding'], // non-zero padding
    ['bc1gmk9yu', 'wrong length'], // empty data section
  ])('%s is refused: %s', (address, category) => {
    expect(categoryOf(decodeAddress(address))).toBe(category);
  });
});
