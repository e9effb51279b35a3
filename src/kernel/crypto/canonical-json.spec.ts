import { assertJsonValue, canonicalJson, canonicalJsonChecked } from './canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and uses ECMAScript number forms', () => {
    expect(canonicalJson({ b: [1e21, 1e-7, 0.1, -0], a: 'é', '\u20ac': 1, '\ud83d\ude00': 2, A: null })).toBe(
      '{"A":null,"a":"é","b":[1e+21,1e-7,0.1,0],"€":1,"😀":2}',
    );
  });

  it('matches the RFC 8785 appendix example for numbers', () => {
    // The RFC's own literal: it is meant to round to the nearest double.
    // eslint-disable-next-line no-loss-of-precision
    expect(canonicalJson([333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001])).toBe(
      '[333333333.3333333,1e+30,4.5,0.002,1e-27]',
    );
  });

  it.each<[string, unknown]>([
    ['undefined', { a: undefined }],
    ['a function', { f: () => 1 }],
    ['a bigint', { n: BigInt(1) }],
    ['Infinity', [Infinity]],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a Buffer', Buffer.from('x')],
    ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['a lone surrogate key', { '\udc00': 1 }],
    ['deep nesting', JSON.parse('['.repeat(150) + ']'.repeat(150)) as unknown],
  ])('refuses %s', (_name, value) => {
    expect(() => assertJsonValue(value)).toThrow(TypeError);
  });

  it('names the path of the offending value', () => {
    expect(() => canonicalJsonChecked({ case: { subjects: [{ dob: new Date(0) }] } }, 'body')).toThrow(
      'body.case.subjects[0].dob',
    );
  });

  it('accepts null-prototype objects', () => {
    const obj = Object.create(null) as Record<string, unknown>;
    obj.x = 1;
    expect(canonicalJsonChecked(obj)).toBe('{"x":1}');
  });
});
