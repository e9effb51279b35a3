import { TaxiiRequestError } from './taxii-paging.js';
import { matchesQuery, parseTaxiiQuery, type QueryCandidate } from './taxii-query.js';

const INDICATOR: QueryCandidate = {
  id: 'indicator--3600ad1b-fff1-4c98-bcc9-4de3bc2e2ffb',
  type: 'indicator',
  version: '2026-03-01T09:30:00.123Z',
  specVersion: '2.1',
  isFirst: true,
  isLast: true,
};

describe('TAXII 2.1 query parameters (§3.4)', () => {
  it('reads match fields as taxii2-client sends them: URL-encoded, values joined by commas', () => {
    const query = parseTaxiiQuery(
      'match%5Btype%5D=indicator%2Cidentity&match%5Bversion%5D=first%2C2026-03-01T09%3A30%3A00.123Z&limit=10',
      'objects',
    );
    expect(query.types).toEqual(new Set(['indicator', 'identity']));
    expect(query.versions).toEqual({
      all: false,
      first: true,
      last: false,
      timestamps: new Set(['2026-03-01T09:30:00.123Z']),
    });
    expect(query.limit).toBe(10);
  });

  it('defaults to the last version of each object, and ignores fields an endpoint does not define', () => {
    const query = parseTaxiiQuery('match[id]=indicator--x&match[type]=bad Type&match[colour]=red', 'object');
    expect(query).toEqual({ limit: 100, versions: { all: false, first: false, last: true, timestamps: new Set() } });
  });

  it.each([
    ['limit=1&limit=2', /may occur only once/],
    ['match[version]=all,last', /all cannot be combined/],
    ['match[version]=first,first', /more than once/],
    ['match[version]=2026-02-30T00:00:00Z', /is not first, last, all or a STIX timestamp/],
    ['match[type]=Indicator', /is not a STIX type name/],
    ['match[type]=indicator,', /is not a STIX type name/],
    ['match[id]=indicator--1234', /is not a STIX identifier/],
    ['match[spec_version]=2', /is not a version such as 2.1/],
    ['added_after=2026-03-01', /added_after must be a timestamp/],
  ])('refuses %s with a 400', (raw, message) => {
    expect(() => parseTaxiiQuery(raw, 'objects')).toThrow(TaxiiRequestError);
    expect(() => parseTaxiiQuery(raw, 'objects')).toThrow(message);
  });

  it('ANDs the fields and ORs the values of one field', () => {
    const match = (raw: string) => matchesQuery(INDICATOR, parseTaxiiQuery(raw, 'objects'));
    expect(match('match[type]=malware,indicator')).toBe(true);
    expect(match('match[type]=indicator&match[id]=identity--3600ad1b-fff1-4c98-bcc9-4de3bc2e2ffb')).toBe(false);
    expect(match('match[spec_version]=2.0')).toBe(false);
    expect(match('match[spec_version]=2.0,2.1')).toBe(true);
    expect(match('match[version]=2026-03-01T09:30:00.123Z')).toBe(true);
    expect(match('match[version]=2026-03-01T09:30:00.1230Z')).toBe(true);
    expect(match('match[version]=2026-03-01T09:30:00.124Z')).toBe(false);
    expect(matchesQuery({ ...INDICATOR, isLast: false }, parseTaxiiQuery('', 'objects'))).toBe(false);
    expect(matchesQuery({ ...INDICATOR, isLast: false }, parseTaxiiQuery('match[version]=first', 'objects'))).toBe(
      true,
    );
  });
});
