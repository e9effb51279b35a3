import fc from 'fast-check';

/** The seed of this run: FC_SEED to replay a failure, otherwise random; printed so any run can be replayed. */
export function fuzzSeed(file: string): number {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${file}: fast-check seed ${seed} (replay with FC_SEED=${seed})`);
  return seed;
}

/** Codes a client can act on; INTERNAL (or none) is never a clear rejection. */
export const CLEAR_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
]);

/** What only the server's insides would produce: stack frames, source paths, SQL errors. */
export const LEAK =
  /node_modules|\/work\/|\.ts:\d+|\.js:\d+|\n\s+at |QueryFailedError|invalid input syntax|relation "|violates .* constraint|duplicate key|syntax error at or near/;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const control = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const special = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\u007f\u0085\u009f',
  '\u200b\u200c\u200d\u2060',
  '\u202e\u2066evil\u2069',
  '\ufeff',
  '\ufffe\uffff',
  '\ud83d\ude00\ud83c\uddf0\ud83c\uddf7',
  'ញ្ញា ក្រសួង',
  '한국 경찰청',
  'Zalgo: z̸̢͕̈́a̷̞͗l̵̰̆g̶̣̓o̷̤̕',
  "'; DROP TABLE officer_account; --",
  '" OR 1=1 --',
  '{"$ne": null}',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\r\nX-Injected: 1',
  ' ',
  '',
);

/** Strings that have broken parsers, databases and log writers: controls, NUL, lone surrogates, bidi, long text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  special,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(control, loneSurrogate, fc.constantFrom('a', 'é', '中', '\u0301')), maxLength: 30 }),
  fc
    .tuple(fc.constantFrom('x', '\u0000', '\ud800', 'é'), fc.integer({ min: 1_000, max: 20_000 }))
    .map(([unit, times]) => unit.repeat(times)),
);

/** Any JSON value, including wrong types for whatever it is passed as. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constantFrom(null, true, 0, -1, 2 ** 31, 2 ** 53 + 1, 1e308, -0.5, [], {}, [[[[]]]], {
    __proto__: { polluted: true },
  }),
);
