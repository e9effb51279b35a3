import {
  acceptsTaxii,
  formatNext,
  laterOf,
  parseAddedAfter,
  parseLimit,
  parseNext,
  TaxiiRequestError,
} from './taxii-paging.js';

describe('TAXII paging parameters', () => {
  it('parses limit, capping it and refusing junk', () => {
    expect(parseLimit(undefined)).toBe(100);
    expect(parseLimit('5')).toBe(5);
    expect(parseLimit('999999')).toBe(1000);
    for (const bad of ['0', '-1', '1.5', 'ten', ['1', '2']]) expect(() => parseLimit(bad)).toThrow(TaxiiRequestError);
  });

  it('parses added_after as a UTC timestamp', () => {
    expect(parseAddedAfter('2026-03-01T09:30:00.123456Z')).toBe('2026-03-01T09:30:00.123456Z');
    for (const bad of ['2026-03-01', '2026-03-01T09:30:00+01:00', '2026-03-01T09:30:00.1234567Z', 'yesterday'])
      expect(() => parseAddedAfter(bad)).toThrow(/added_after must be a timestamp/);
  });

  it('round-trips next tokens and refuses forged ones', () => {
    for (const position of [{ statics: 0 }, { statics: 2 }, { feedAfter: '0' }, { feedAfter: '9223372036854775807' }]) {
      expect(parseNext(formatNext(position), 2)).toEqual(position);
    }
    for (const bad of ['s3', 'f-1', 'f9223372036854775808', 'x1', '', 'f'])
      expect(() => parseNext(bad, 2)).toThrow(/next must be a value this server returned/);
  });

  it('orders positions: statics before the feed, the feed by sequence', () => {
    expect(laterOf({ statics: 1 }, { feedAfter: '0' })).toEqual({ feedAfter: '0' });
    expect(laterOf({ feedAfter: '10' }, { feedAfter: '9' })).toEqual({ feedAfter: '10' });
    expect(laterOf({ statics: 2 }, { statics: 1 })).toEqual({ statics: 2 });
  });

  it('accepts TAXII 2.1 and wildcards, not other media types or versions', () => {
    expect(acceptsTaxii(undefined)).toBe(true);
    expect(acceptsTaxii('application/taxii+json;version=2.1')).toBe(true);
    expect(acceptsTaxii('application/taxii+json')).toBe(true);
    expect(acceptsTaxii('text/html, */*;q=0.1')).toBe(true);
    expect(acceptsTaxii('application/taxii+json;version=2.0')).toBe(false);
    expect(acceptsTaxii('application/xml')).toBe(false);
  });
});
