import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTIFIER_TYPES } from '../cases/case-content.js';
import { evaluateSharePolicy } from '../policy/policy-evaluation.js';
import { exampleCase, shippedPolicy } from '../policy/policy.test-helpers.js';
import type { SharedCasePayload } from '../policy/shared-case-payload.js';
import { entry } from '../watchlist/watchlist.test-helpers.js';
import { caseBundle, type CaseExport } from './stix-case.js';
import { CUSTOM_SCO_SCHEMAS } from './stix-extension-schemas.js';
import { nodeIdentityId, scoId } from './stix-ids.js';
import { identifierObservable } from './stix-observables.js';
import { VENDORED_SCHEMA_DIR } from './stix-schemas.js';
import { OFFICIAL_SCHEMA_DIR, officialSchemas, SAMPLE_IDENTIFIERS } from './stix.test-helpers.js';
import type { StixObject } from './stix-vocabulary.js';
import { watchlistBundle } from './stix-watchlist.js';

const schemas = officialSchemas();
const NODE = { id: 'kr-knpa', name: 'Korean National Police Agency' };


function exportFor(partnerId: string, payload?: SharedCasePayload): CaseExport {
  // The hub's ceiling is TLP:GREEN.
  const evaluation = evaluateSharePolicy(exampleCase(partnerId === 'asean-hub' ? { tlp: 'GREEN' } : {}), shippedPolicy('kr-knpa', partnerId), 'INTELLIGENCE_PICTURE');
  if (evaluation.decision !== 'ALLOW') throw new Error(evaluation.reasons.join('; '));
  return {
    node: NODE,
    caseId: '0b6f4a8e-1111-4222-8333-444455556666',
    partnerId,
    created: new Date('2026-02-01T09:00:00.000Z'),
    modified: new Date('2026-02-03T10:30:00.000Z'),
    payload: payload ?? evaluation.payload,
    policyLabel: `kr-knpa/${partnerId}/v1`,
  };
}

function expectValid(bundle: StixObject): void {
  expect(schemas.validateBundle(bundle)).toEqual([]);
}

function objectsOf(bundle: StixObject): StixObject[] {
  return bundle.objects as StixObject[];
}

describe('case → STIX bundle', () => {
  it.each(['kr-kcs', 'kh-cnp', 'kh-gdce', 'asean-hub'])('validates against the official schemas for partner %s', (partnerId) => {
    expectValid(caseBundle(exportFor(partnerId)));
  });

  it('puts created_by_ref on every SDO, SRO and own marking, and refers only to objects in the bundle', () => {
    const objects = objectsOf(caseBundle(exportFor('kr-kcs')));
    const ids = new Set(objects.map((o) => o.id));
    for (const object of objects) {
      const isTlp = object.type === 'marking-definition' && 'extensions' in object;
      const isSco = !('created' in object);
      if (!isTlp && !isSco) expect(object.created_by_ref).toBe(nodeIdentityId('kr-knpa'));
      for (const ref of [...((object.object_marking_refs as string[]) ?? []), ...((object.object_refs as string[]) ?? [])]) expect(ids).toContain(ref);
      for (const key of ['source_ref', 'target_ref', 'created_by_ref'] as const) if (object[key]) expect(ids).toContain(object[key]);
    }
  });

  it('marks everything with the case TLP by its standard id and the terms statement', () => {
    const objects = objectsOf(caseBundle(exportFor('kh-cnp')));
    const report = objects.find((o) => o.type === 'report') as StixObject;
    expect(report.object_marking_refs).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', expect.stringMatching(/^marking-definition--/)]);
    const terms = objects.find((o) => o.id === (report.object_marking_refs as string[])[1]) as StixObject;
    expect((terms.definition as { statement: string }).statement).toContain('delete after 365 days');
  });

  it('carries only what the policy lets the partner have (asean-hub: no persons)', () => {
    const objects = objectsOf(caseBundle(exportFor('asean-hub')));
    expect(objects.filter((o) => o.type === 'threat-actor')).toEqual([]);
    expect(JSON.stringify(objects)).not.toContain('KIM Min-jun');
    expect(JSON.stringify(objects)).not.toContain('M12345678');
  });

  it('applies transforms: kh-gdce sees the passport number as its last 3 characters, the birth date as the year', () => {
    const text = JSON.stringify(objectsOf(caseBundle(exportFor('kh-gdce'))));
    expect(text).toContain('***678');
    expect(text).not.toContain('M12345678');
    expect(text).toContain('Date of birth: 1988');
    expect(text).not.toContain('1988-04-17');
  });

  it('skips masked identifier values and says how many', () => {
    const base = exportFor('kr-kcs');
    const payload = { ...base.payload, identifiers: base.payload.identifiers?.map((i, n) => (n === 0 ? { ...i, value: '***1Ab' } : i)) };
    const bundle = caseBundle({ ...base, payload });
    expectValid(bundle);
    const indicators = objectsOf(bundle).filter((o) => o.type === 'indicator');
    expect(indicators).toHaveLength((payload.identifiers?.length ?? 0) - 1);
    expect(objectsOf(bundle).find((o) => o.type === 'report')?.description).toContain('1 identifier(s) withheld or masked');
  });

  it('is stable: the same export twice is the same bundle', () => {
    expect(caseBundle(exportFor('kh-cnp'))).toEqual(caseBundle(exportFor('kh-cnp')));
  });
});

describe('identifier observables', () => {
  it.each([...IDENTIFIER_TYPES])('%s gives an observable and an indicator that validate', (type) => {
    const observable = identifierObservable('kr-knpa', type, SAMPLE_IDENTIFIERS[type]);
    expect(schemas.validateObject(observable.sco)).toEqual([]);
    expect(observable.pattern).toMatch(/^\[[a-z0-9-]+:[a-z_]+ = '.*'\]$/);
  });

  it('derives SCO ids as STIX 2.1 §2.9 says (UUIDv5 of the canonical contributing properties)', () => {
    // RFC 4122 §4.3 by hand: SHA-1 of namespace bytes + name, version 5, RFC 4122 variant.
    const namespace = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');
    const hash = createHash('sha1').update(Buffer.concat([namespace, Buffer.from('{"value":"john@example.com"}')])).digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString('hex');
    const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    expect(scoId('email-addr', { value: 'john@example.com' })).toBe(`email-addr--${uuid}`);
  });

  it('escapes quotes and backslashes in patterns', () => {
    const observable = identifierObservable('kr-knpa', 'DARKWEB_HANDLE', "dread:o'brien\\x");
    expect(observable.pattern).toContain("dread:o\\'brien\\\\x");
  });
});

describe('watchlist → STIX bundle', () => {
  it('validates, with the origin as creator of relayed entries and revoked tombstones', () => {
    const bundle = watchlistBundle(
      NODE,
      'watchlist/kh-cnp',
      [entry(), entry({ entryId: '01970000-0000-7000-8000-000000000002', origin: 'kh-cnp', identifierType: 'WALLET_BTC', value: SAMPLE_IDENTIFIERS.WALLET_BTC, revoked: true, caseReference: 'CNP-7' })],
    );
    expectValid(bundle);
    const indicators = objectsOf(bundle).filter((o) => o.type === 'indicator');
    expect(indicators.map((i) => i.created_by_ref)).toEqual([nodeIdentityId('kr-knpa'), nodeIdentityId('kh-cnp')]);
    expect(indicators[1].revoked).toBe(true);
    expect(objectsOf(bundle).filter((o) => o.type === 'identity').map((i) => i.name)).toEqual(['Korean National Police Agency']);
  });
});

describe('the vendored schemas', () => {
  it('are byte for byte the official ones', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)).map((f) => join(d.name, f)) : [d.name]));
    const official = walk(join(OFFICIAL_SCHEMA_DIR, 'schemas')).sort();
    expect(walk(join(VENDORED_SCHEMA_DIR, 'schemas')).sort()).toEqual(official);
    for (const file of official) {
      expect(readFileSync(join(VENDORED_SCHEMA_DIR, 'schemas', file), 'utf8')).toBe(readFileSync(join(OFFICIAL_SCHEMA_DIR, 'schemas', file), 'utf8'));
    }
  });
});

describe('docs/STIX.md', () => {
  it('prints the extension schemas exactly as the node defines them', () => {
    const doc = readFileSync(new URL('../../docs/STIX.md', import.meta.url), 'utf8');
    for (const [type, schema] of Object.entries(CUSTOM_SCO_SCHEMAS)) expect(doc).toContain(`### ${type}\n\n\`\`\`json\n${JSON.stringify(schema, null, 2)}\n\`\`\``);
  });
});
