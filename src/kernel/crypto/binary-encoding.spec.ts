import fc from 'fast-check';
import { decodeBase64urlInto, fromBase64urlStrict, keyIdOf, toBase64url } from './binary-encoding.js';
import { KEY_ID_PATTERN } from '../../envelope/packet-header.js';

describe('strict base64url', () => {
  it('round-trips any bytes and accepts only the canonical spelling', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(Buffer.from(fromBase64urlStrict(text)!).equals(Buffer.from(bytes))).toBe(true);
        // Any other character at any position either fails or decodes to different bytes.
        for (let i = 0; i < text.length; i++) {
          for (const c of 'AQgw_-=+/ .') {
            if (c === text[i]) continue;
            const other = fromBase64urlStrict(text.slice(0, i) + c + text.slice(i + 1));
            if (other !== undefined) expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
          }
        }
      }),
    );
  });

  it('rejects padding, standard-alphabet characters, whitespace and impossible lengths', () => {
    for (const bad of ['AA==', 'AB', 'A+8', 'A/8', ' AAA', 'A', 'AAAAA'])
      expect(fromBase64urlStrict(bad)).toBeUndefined();
    expect(fromBase64urlStrict('')).toEqual(Buffer.alloc(0));
  });
});

describe('keyIdOf', () => {
  it('is 22 base64url characters of SHA-256(key)[0..16]', () => {
    const key = new Uint8Array(32).fill(1);
    const id = keyIdOf(key);
    expect(id).toMatch(KEY_ID_PATTERN);
    expect(id).toBe('cs1uhCLEB_ttCYaQ8RMLfQ'); // = base64url(sha256(0x01 x 32)[0..16]), checked with node:crypto
    expect(() => keyIdOf(new Uint8Array(31))).toThrow(TypeError);
  });
});

describe('decodeBase64urlInto (fast strict decoder)', () => {
  const reference = (text: string): Buffer | undefined => {
    // Straightforward definition: alphabet only, no length 4n+1, spare bits zero.
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
    const bytes = Buffer.from(text, 'base64url');
    return bytes.toString('base64url') === text ? bytes : undefined;
  };

  it('agrees with the reference definition on arbitrary strings (fast-check)', () => {
    const alphabet = fc.constantFrom(...'ABQgw09az-_+/= .*\u00e9\u0100\n'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((chars) => chars.join('')),
        (text) => {
          const fast = fromBase64urlStrict(text);
          const ref = reference(text);
          expect(fast === undefined ? undefined : fast.toString('hex')).toBe(
            ref === undefined ? undefined : ref.toString('hex'),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('decodes into a target at an offset and refuses a target that is too small', () => {
    const target = Buffer.alloc(8);
    expect(decodeBase64urlInto('AQID', target, 2)).toBe(3);
    expect([...target.subarray(2, 5)]).toEqual([1, 2, 3]);
    expect(decodeBase64urlInto('AQIDBA', Buffer.alloc(3))).toBeUndefined();
  });

  it('encodes large inputs in chunks identically to a single toString', () => {
    const big = Buffer.alloc(300_001, 0xa5);
    big[123_456] = 7;
    expect(toBase64url(big)).toBe(big.toString('base64url'));
  });
});
