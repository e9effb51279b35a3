import { IDENTIFIER_TYPES } from '../kernel/vocabulary/index.js';
import { entry } from '../watchlist/watchlist.test-helpers.js';
import { identifierOfPattern, InvalidBundleError, planImport } from './stix-import.js';
import { officialSchemas, SAMPLE_IDENTIFIERS } from './stix.test-helpers.js';
import type { StixObject } from './stix-vocabulary.js';
import { watchlistBundle } from './stix-watchlist.js';

const schemas = officialSchemas();
const NODE = { id: 'kh-cnp', name: 'Cambodian National Police', schemaBaseUrl: 'https://cnp.example/stix/extensions/' };
const IDENTITY = 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c';

function indicator(id: number, pattern: string, extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    created_by_ref: IDENTITY,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00.000Z',
    ...extra,
  } as StixObject;
}

function bundle(objects: StixObject[]): StixObject {
  return { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects };
}

describe('planImport', () => {
  it('takes back every identifier type a watchlist export writes, with offence, severity, validity and case', () => {
    const entries = IDENTIFIER_TYPES.map((type, i) =>
      entry({
        entryId: `01970000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        identifierType: type,
        value: SAMPLE_IDENTIFIERS[type],
        caseReference: 'KNPA-7',
      }),
    );
    const plan = planImport(watchlistBundle(NODE, 'w', entries), schemas);
    expect(plan.refused).toEqual([]);
    expect(plan.candidates.map((c) => [c.identifierType, c.value])).toEqual(
      IDENTIFIER_TYPES.map((type) => [type, expect.any(String)]),
    );
    expect(plan.candidates[0]).toMatchObject({
      offenceCategory: 'ONLINE_SCAM',
      severity: 'HIGH',
      validUntil: '2026-12-31T00:00:00.000Z',
      caseReference: 'KNPA-7',
    });
    expect(plan.otherObjects).toBeGreaterThan(IDENTIFIER_TYPES.length);
  });

  it('refuses an invalid bundle whole, naming the JSON pointer', () => {
    const broken = bundle([indicator(1, "[email-addr:value = 'a@b.example']", { valid_from: 'yesterday' })]);
    expect(() => planImport(broken, schemas)).toThrow(InvalidBundleError);
    expect(() => planImport(broken, schemas)).toThrow(/\/objects\/0\/valid_from/);
    expect(() => planImport({ type: 'bundle', objects: [] }, schemas)).toThrow(
      /not a valid STIX 2.1 bundle: \/: must have required property 'id'/,
    );
    expect(() => planImport([], schemas)).toThrow(InvalidBundleError);
  });

  it('recognises standard patterns from other producers and autodetects the wallet chain', () => {
    const plan = planImport(
      bundle([
        indicator(1, `[cryptocurrency-wallet:address = '${SAMPLE_IDENTIFIERS.WALLET_TRON}']`),
        indicator(2, "[ipv6-addr:value = '2001:DB8::1']"),
        indicator(3, "[user-account:user_id = '@Boss_KH' AND user-account:account_type = 'telegram']"),
        indicator(4, "[phone-number:value = '+855 12 345 679']"),
      ]),
      schemas,
    );
    expect(plan.refused).toEqual([]);
    expect(plan.candidates.map((c) => [c.identifierType, c.value])).toEqual([
      ['WALLET_TRON', SAMPLE_IDENTIFIERS.WALLET_TRON],
      ['IP_ADDRESS', '2001:db8::1'],
      ['TELEGRAM', '@boss_kh'],
      ['PHONE', '+85512345679'],
    ]);
  });

  it('refuses unknown types, invalid values, revoked or non-STIX indicators and duplicates, one by one with the reason', () => {
    const plan = planImport(
      bundle([
        indicator(1, "[url:value = 'https://scam.example/login']"),
        indicator(2, "[cryptocurrency-wallet:address = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdX']"),
        indicator(3, "[email-addr:value = 'x@y.example']", { revoked: true }),
        indicator(4, 'alert tcp any any', { pattern_type: 'snort' }),
        indicator(5, "[email-addr:value = 'a@b.example'] OR [email-addr:value = 'c@d.example']"),
        indicator(6, "[user-account:user_id = 'someone']"),
        indicator(7, "[email-addr:value = 'boss@Scam.example']"),
        indicator(8, "[email-addr:value = 'boss@scam.example']"),
      ]),
      schemas,
    );
    expect(plan.candidates).toHaveLength(1);
    const reasons = Object.fromEntries(plan.refused.map((r) => [r.objectId.slice(-1), r.reason]));
    expect(reasons['1']).toBe('unknown identifier type: url:value has no identifier type on this node');
    expect(reasons['2']).toMatch(/^not a valid WALLET_BTC or .*: /);
    expect(reasons['3']).toBe('the indicator is revoked');
    expect(reasons['4']).toBe('pattern_type snort is not supported (only stix)');
    expect(reasons['5']).toMatch(/not one observation/);
    expect(reasons['6']).toMatch(/account_type \(none\)/);
    expect(reasons['8']).toMatch(/already named by indicator--.*7 in this bundle/);
  });

  it('uses the identifier label to pick the type and reports its validator reason', () => {
    expect(identifierOfPattern("[cryptocurrency-wallet:address = '0x123']", 'WALLET_EVM')).toEqual({
      reason: expect.stringMatching(/^not a valid WALLET_EVM: /),
    });
  });
});
