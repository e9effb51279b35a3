import fc from 'fast-check';
import canonicalizeModule from 'canonicalize';
import type { JsonValue } from './canonical-json.js';
import { ByteSink, writeCanonicalJson } from './canonical-json-writer.js';

const canonicalize = canonicalizeModule as unknown as (value: unknown) => string;

function written(value: JsonValue, initialBytes?: number): string {
  const sink = new ByteSink(initialBytes);
  try {
    writeCanonicalJson(value, sink);
    return sink.bytes().toString('utf8');
  } finally {
    sink.release();
  }
}

/** Long strings take the raw-copy path; mix in characters that need escaping or are multi-byte. */
const longString = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'Z', '9', ' ', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', 'é', '한', '😀', '\u2028'),
      fc.string(),
    ),
    { minLength: 1, maxLength: 1500 },
  )
  .map((parts) => parts.join('').padEnd(1024, 'x'));

describe('writeCanonicalJson', () => {
  it('writes exactly the bytes of canonicalize() for any JSON value (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(written(value as JsonValue)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('matches canonicalize() for long strings, with and without characters to escape (fast-check)', () => {
    fc.assert(
      fc.property(longString, fc.boolean(), (text, asKey) => {
        const value: JsonValue = asKey ? { [text]: [text] } : { body: text };
        expect(written(value, 16)).toBe(canonicalize(value));
      }),
      { numRuns: 300 },
    );
  });

  it('grows past its initial buffer and wipes what it wrote on release', () => {
    const sink = new ByteSink(16);
    writeCanonicalJson({ data: 'q'.repeat(300_000) }, sink);
    const view = sink.bytes();
    expect(view.length).toBe(300_000 + 11);
    sink.release();
    expect(view.every((b) => b === 0)).toBe(true);
  });
});
