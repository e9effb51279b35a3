import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTIFIER_TYPES } from '../kernel/vocabulary/index.js';
import { evaluateSharePolicy } from '../policy/policy-evaluation.js';
import { exampleCase, shippedPolicy } from '../policy/policy.test-helpers.js';
import type { SharedCasePayload } from '../policy/shared-case-payload.js';
import { entry } from '../watchlist/watchlist.test-helpers.js';
import { caseBundle, type CaseExport } from './stix-case.js';
import { extensionSchemaText } from './stix-schema.controller.js';
import { extensionDefinitionId, extensionSchemaFile, NODE_EXTENSION_NAMES } from './stix-extensions.js';
import { nodeIdentityId, scoId } from './stix-ids.js';
import { identifierObservable } from './stix-observables.js';
import { VENDORED_SCHEMA_DIR } from './stix-schemas.js';
import { OFFICIAL_SCHEMA_DIR, officialSchemas, SAMPLE_IDENTIFIERS } from './stix.test-helpers.js';
import type { StixObject } from './stix-vocabulary.js';
import { watchlistBundle } from './stix-watchlist.js';

const schemas = officialSchemas();
const NODE = {
  id: 'kr-knpa',
  name: 'Korean National Police Agency',
  schemaBaseUrl: 'https://taxii.knpa.example:9443/stix/extensions/',
};
/** Every node extension of kr-knpa, as a bundle's extension definitions would name them. */
const KNPA_EXTENSIONS = new Map(NODE_EXTENSION_NAMES.map((name) => [extensionDefinitionId('kr-knpa', name), name]));

function exportFor(partnerId: string, payload?: SharedCasePayload): CaseExport {
  // The hub's ceiling is TLP:GREEN.
  const evaluation = evaluateSharePolicy(
    exampleCase(partnerId === 'asean-hub' ? { tlp: 'GREEN' } : {}),
    shippedPolicy('kr-knpa', partnerId),
    'INTELLIGENCE_PICTURE',
  );
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
  it.each(['kr-kcs', 'kh-cnp', 'kh-gdce', 'asean-hub'])(
    'validates against the official schemas for partner %s',
    (partnerId) => {
      expectValid(caseBundle(exportFor(partnerId)));
    },
  );

  it('puts created_by_ref on every SDO, SRO and own marking, and refers only to objects in the bundle', () => {
    const objects = objectsOf(caseBundle(exportFor('kr-kcs')));
    const ids = new Set(objects.map((o) => o.id));
    for (const object of objects) {
      const isTlp = object.type === 'marking-definition' && 'extensions' in object;
      const isSco = !('created' in object);
      if (!isTlp && !isSco) expect(object.created_by_ref).toBe(nodeIdentityId('kr-knpa'));
      for (const ref of [
        ...((object.object_marking_refs as string[]) ?? []),
        ...((object.object_refs as string[]) ?? []),
      ])
        expect(ids).toContain(ref);
      for (const key of ['source_ref', 'target_ref', 'created_by_ref'] as const)
        if (object[key]) expect(ids).toContain(object[key]);
    }
  });

  it('marks everything with the case TLP by its standard id and the terms statement', () => {
    const objects = objectsOf(caseBundle(exportFor('kh-cnp')));
    const report = objects.find((o) => o.type === 'report') as StixObject;
    expect(report.object_marking_refs).toEqual([
      'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      expect.stringMatching(/^marking-definition--/),
    ]);
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
    const payload = {
      ...base.payload,
      identifiers: base.payload.identifiers?.map((i, n) => (n === 0 ? { ...i, value: '***1Ab' } : i)),
    };
    const bundle = caseBundle({ ...base, payload });
    expectValid(bundle);
    const indicators = objectsOf(bundle).filter((o) => o.type === 'indicator');
    expect(indicators).toHaveLength((payload.identifiers?.length ?? 0) - 1);
    expect(objectsOf(bundle).find((o) => o.type === 'report')?.description).toContain(
      '1 identifier(s) withheld or masked',
    );
  });

  it('is stable: the same export twice is the same bundle', () => {
    expect(caseBundle(exportFor('kh-cnp'))).toEqual(caseBundle(exportFor('kh-cnp')));
  });
});

describe('identifier observables', () => {
  it.each([...IDENTIFIER_TYPES])('%s gives an observable and an indicator that validate', (type) => {
    const observable = identifierObservable('kr-knpa', type, SAMPLE_IDENTIFIERS[type]);
    expect(schemas.validateObject(observable.sco, '', KNPA_EXTENSIONS)).toEqual([]);
    expect(observable.pattern).toMatch(/^\[[a-z0-9-]+:[a-z_]+ = '.*'\]$/);
  });

  it("writes wallets, phone numbers and bank accounts as OpenCTI defines them, the node's additions in property extensions", () => {
    const wallet = identifierObservable('kr-knpa', 'WALLET_EVM', SAMPLE_IDENTIFIERS.WALLET_EVM);
    expect(wallet.sco).toEqual({
      type: 'cryptocurrency-wallet',
      spec_version: '2.1',
      id: scoId('cryptocurrency-wallet', { value: SAMPLE_IDENTIFIERS.WALLET_EVM }),
      value: SAMPLE_IDENTIFIERS.WALLET_EVM,
      extensions: {
        [extensionDefinitionId('kr-knpa', 'wallet-chain')]: { extension_type: 'property-extension', chain: 'evm' },
      },
    });
    expect(wallet.pattern).toBe(`[cryptocurrency-wallet:value = '${SAMPLE_IDENTIFIERS.WALLET_EVM}']`);
    const phone = identifierObservable('kr-knpa', 'PHONE', '+85512345678');
    expect(phone.sco).toEqual({
      type: 'phone-number',
      spec_version: '2.1',
      id: scoId('phone-number', { value: '+85512345678' }),
      value: '+85512345678',
    });
    expect(phone.extensions).toEqual([]);
    const national = identifierObservable('kr-knpa', 'BANK_ACCOUNT', 'KH:ABAAKHPP:000123456');
    expect(national.sco).toMatchObject({
      id: scoId('bank-account', { iban: 'KH:ABAAKHPP:000123456' }),
      value: 'KH:ABAAKHPP:000123456',
      iban: 'KH:ABAAKHPP:000123456',
      bic: 'ABAAKHPP',
      account_number: '000123456',
      extensions: {
        [extensionDefinitionId('kr-knpa', 'bank-account-scheme')]: {
          extension_type: 'property-extension',
          account_scheme: 'national',
          country: 'KH',
          bank_code: 'ABAAKHPP',
        },
      },
    });
    expect(national.pattern).toBe("[bank-account:iban = 'KH:ABAAKHPP:000123456']");
    const iban = identifierObservable('kr-knpa', 'BANK_ACCOUNT', 'DE89370400440532013000').sco;
    expect(iban).not.toHaveProperty('account_number');
    expect(Object.values(iban.extensions as object)[0]).toEqual({
      extension_type: 'property-extension',
      account_scheme: 'iban',
    });
  });

  it('refuses a property extension that breaks its published schema', () => {
    const wallet = identifierObservable('kr-knpa', 'WALLET_BTC', SAMPLE_IDENTIFIERS.WALLET_BTC).sco;
    const id = extensionDefinitionId('kr-knpa', 'wallet-chain');
    const broken = { ...wallet, extensions: { [id]: { extension_type: 'property-extension', chain: 'dogecoin' } } };
    expect(schemas.validateObject(broken, '', KNPA_EXTENSIONS)).toEqual([
      expect.objectContaining({ pointer: `/extensions/${id}/chain` }),
    ]);
    expect(schemas.validateObject({ ...wallet, value: undefined }, '', KNPA_EXTENSIONS)).not.toEqual([]);
  });

  it('derives SCO ids as STIX 2.1 §2.9 says (UUIDv5 of the canonical contributing properties)', () => {
    // RFC 4122 §4.3 by hand: SHA-1 of namespace bytes + name, version 5, RFC 4122 variant.
    const namespace = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');
    const hash = createHash('sha1')
      .update(Buffer.concat([namespace, Buffer.from('{"value":"john@example.com"}')]))
      .digest();
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
    const bundle = watchlistBundle(NODE, 'watchlist/kh-cnp', [
      entry(),
      entry({
        entryId: '01970000-0000-7000-8000-000000000002',
        origin: 'kh-cnp',
        identifierType: 'WALLET_BTC',
        value: SAMPLE_IDENTIFIERS.WALLET_BTC,
        revoked: true,
        caseReference: 'CNP-7',
      }),
    ]);
    expectValid(bundle);
    const indicators = objectsOf(bundle).filter((o) => o.type === 'indicator');
    expect(indicators.map((i) => i.created_by_ref)).toEqual([nodeIdentityId('kr-knpa'), nodeIdentityId('kh-cnp')]);
    expect(indicators[1].revoked).toBe(true);
    expect(
      objectsOf(bundle)
        .filter((o) => o.type === 'identity')
        .map((i) => i.name),
    ).toEqual(['Korean National Police Agency']);
  });
});

describe('the vendored schemas', () => {
  it('are byte for byte the official ones', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(join(dir, d.name)).map((f) => join(d.name, f)) : [d.name],
      );
    const official = walk(join(OFFICIAL_SCHEMA_DIR, 'schemas')).sort();
    expect(walk(join(VENDORED_SCHEMA_DIR, 'schemas')).sort()).toEqual(official);
    for (const file of official) {
      expect(readFileSync(join(VENDORED_SCHEMA_DIR, 'schemas', file), 'utf8')).toBe(
        readFileSync(join(OFFICIAL_SCHEMA_DIR, 'schemas', file), 'utf8'),
      );
    }
  });
});

describe('docs/stix/', () => {
  it('holds, byte for byte, every extension schema the node serves and its definitions point at', () => {
    const dir = new URL('../../docs/stix/', import.meta.url);
    const files = NODE_EXTENSION_NAMES.map(extensionSchemaFile);
    expect(readdirSync(dir).sort()).toEqual([...files].sort());
    for (const file of files) expect(readFileSync(new URL(file, dir), 'utf8')).toBe(extensionSchemaText(file));
  });

  it('names each schema in the extension definitions of a bundle, at the URL the node serves it', () => {
    const base = exportFor('kr-kcs');
    const identifiers = [
      ...(base.payload.identifiers ?? []),
      { id: 'b1', type: 'BANK_ACCOUNT' as const, value: 'DE89370400440532013000' },
    ];
    const bundle = caseBundle({ ...base, payload: { ...base.payload, identifiers } });
    expectValid(bundle);
    const definitions = objectsOf(bundle).filter((o) => o.type === 'extension-definition');
    expect(definitions.map((d) => d.schema).sort()).toEqual(
      ['bank-account-scheme-1.0.0', 'cryptocurrency-transaction-1.0.0', 'wallet-chain-1.0.0'].map(
        (name) => `https://taxii.knpa.example:9443/stix/extensions/${name}.schema.json`,
      ),
    );
  });
});
