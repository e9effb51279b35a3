import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mispEventProblems } from '../../test/support/misp-checker.js';
import { evaluateSharePolicy } from '../policy/policy-evaluation.js';
import { exampleCase, shippedPolicy } from '../policy/policy.test-helpers.js';
import { caseEvent, mispEventUuid } from './misp-event.js';
import { InvalidMispEventError, planMispImport } from './misp-import.js';

function exportFor(partnerId: string) {
  const evaluation = evaluateSharePolicy(exampleCase(), shippedPolicy('kr-knpa', partnerId), 'INTELLIGENCE_PICTURE');
  if (evaluation.decision !== 'ALLOW') throw new Error(evaluation.reasons.join('; '));
  return caseEvent({
    node: { id: 'kr-knpa', name: 'Korean National Police Agency' },
    caseId: '0b6f4a8e-1111-4222-8333-444455556666',
    partnerId,
    released: new Date('2026-02-03T10:30:00.000Z'),
    payload: evaluation.payload,
    policyLabel: `kr-knpa/${partnerId}/v1`,
  });
}

describe('case → MISP event', () => {
  it.each(['kr-kcs', 'kh-cnp', 'kh-gdce'])('conforms to the core format and the templates for %s', (partnerId) => {
    expect(mispEventProblems(exportFor(partnerId), '/nonexistent/')).toEqual([]);
  });

  it('is the same event for the same release, one uuid per case and partner', () => {
    expect(exportFor('kh-cnp')).toEqual(exportFor('kh-cnp'));
    expect(exportFor('kh-cnp').Event.uuid).toBe(
      mispEventUuid('kr-knpa', '0b6f4a8e-1111-4222-8333-444455556666', 'kh-cnp'),
    );
    expect(exportFor('kh-gdce').Event.uuid).not.toBe(exportFor('kh-cnp').Event.uuid);
  });

  it('is also checked against the official template files when they are provided', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'misp-objects-'));
    mkdirSync(path.join(dir, 'coin-address'));
    // A template in the official file layout that our event does not satisfy (a newer version).
    writeFileSync(
      path.join(dir, 'coin-address', 'definition.json'),
      JSON.stringify({
        name: 'coin-address',
        uuid: 'd0e6997e-78da-4815-a6a1-cfc1c1cb8a46',
        version: 8,
        'meta-category': 'financial',
        requiredOneOf: ['address'],
        attributes: { address: { 'misp-attribute': 'btc' }, symbol: { 'misp-attribute': 'text' } },
      }),
    );
    expect(mispEventProblems(exportFor('kh-cnp'), `${dir}/`)).toContainEqual(
      expect.stringMatching(/template_version 7, official coin-address\/definition.json is version 8/),
    );
  });
});

describe('MISP event → import plan', () => {
  it('takes back the actionable identifiers of an export and counts the rest as context', () => {
    const plan = planMispImport(exportFor('kr-kcs'));
    // The example case's TRON address is a placeholder: the import validates it like any input.
    expect(plan.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/base58check checksum/)]);
    expect(plan.candidates.map((c) => c.identifierType)).toEqual(['PHONE']);
    expect(plan.candidates.every((c) => c.tlp === 'AMBER')).toBe(true);
    expect(plan.otherObjects).toBeGreaterThan(0);
  });

  it("reads a coin-address's address-crypto as the chain it is from, and writes non-Bitcoin wallets there", () => {
    const event = {
      uuid: '00000000-0000-4000-8000-000000000000',
      info: 'Wallets',
      Object: [
        {
          name: 'coin-address',
          Attribute: [
            {
              uuid: '00000000-0000-4000-8000-000000000001',
              type: 'text',
              object_relation: 'address-crypto',
              category: 'Financial fraud',
              to_ids: true,
              value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
            },
            { uuid: '00000000-0000-4000-8000-000000000002', type: 'text', object_relation: 'symbol', value: 'ETH' },
          ],
        },
      ],
    };
    const plan = planMispImport(event);
    expect(plan.candidates.map((c) => [c.identifierType, c.value])).toEqual([
      ['WALLET_EVM', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'], // normalised to its EIP-55 spelling
    ]);
    // The example case's TRON wallet: MISP would refuse it as a `btc` attribute.
    const wallets = exportFor('kr-kcs').Event.Object.filter((o) => o.name === 'coin-address');
    const relations = wallets.flatMap((o) => o.Attribute.map((a) => [a.object_relation, a.type]));
    expect(relations).toContainEqual(['address-crypto', 'text']);
    expect(relations).not.toContainEqual(['address', 'btc']);
  });

  it('refuses deleted and invalid attributes with the reason, and malformed events whole', () => {
    const attribute = (uuid: string, extra: Record<string, unknown>) => ({
      uuid: `00000000-0000-4000-8000-00000000000${uuid}`,
      type: 'btc',
      category: 'Financial fraud',
      to_ids: true,
      value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      ...extra,
    });
    const plan = planMispImport({
      uuid: '00000000-0000-4000-8000-000000000000',
      info: 'Test',
      threat_level_id: '1',
      Tag: [{ name: 'fed-node:offence="online-scam"' }, { name: 'tlp:white' }],
      Attribute: [
        attribute('1', {}),
        attribute('2', { deleted: true }),
        attribute('3', { value: 'nonsense' }),
        attribute('4', { to_ids: false, value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2' }),
        attribute('5', { type: 'url', value: 'https://scam.example/' }),
      ],
    });
    expect(plan.candidates).toEqual([
      expect.objectContaining({
        identifierType: 'WALLET_BTC',
        offenceCategory: 'ONLINE_SCAM',
        severity: 'HIGH',
        tlp: 'CLEAR',
      }),
    ]);
    expect(plan.refused.map((r) => [r.objectId.slice(-1), r.reason.split(':')[0]])).toEqual([
      ['2', 'the attribute is deleted'],
      ['3', 'not a valid WALLET_BTC or WALLET_LTC or WALLET_EVM or WALLET_TRON (as WALLET_BTC)'],
    ]);
    expect(plan.otherObjects).toBe(2);
    expect(() => planMispImport({ Event: { uuid: 'x', info: 'y' } })).toThrow(InvalidMispEventError);
    expect(() =>
      planMispImport({
        Event: { uuid: '00000000-0000-4000-8000-000000000000', info: 'y', Attribute: [{ uuid: 'x' }] },
      }),
    ).toThrow(/^not a MISP event: Event\.Attribute\.0\.uuid: must be a UUID$/);
  });
});
