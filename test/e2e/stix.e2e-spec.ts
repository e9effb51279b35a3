import { readFileSync } from 'node:fs';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { IDENTIFIER_TYPES } from '../../src/kernel/vocabulary/index.js';
import { officialSchemas, SAMPLE_IDENTIFIERS } from '../../src/stix/stix.test-helpers.js';
import type { StixObject } from '../../src/stix/stix-vocabulary.js';
import { WatchlistService } from '../../src/watchlist/watchlist.service.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode, type GraphqlResponse } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kr-kcs', 'kh-cnp', 'kh-gdce', 'asean-hub'];
const PARTNERS = NODES.slice(1);
const EXPORT_CASE =
  'query ($c: ID!, $p: String!, $purpose: SharePurpose) { exportCaseStix(caseId: $c, partnerId: $p, purpose: $purpose) }';
const EXPORT_WATCHLIST = 'query ($p: String, $first: Int) { exportWatchlistStix(partnerId: $p, first: $first) }';
const ADD_ENTRY = 'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }';
const IMPORT = `mutation ($b: JSON!, $c: ID, $d: StixImportDefaults) {
  importStix(bundle: $b, caseId: $c, defaults: $d) { target imported { objectId identifierType value entryId identifierId } refused { objectId reason } otherObjects caseRevision } }`;
const DAY_MS = 24 * 3600 * 1000;

interface ImportResult {
  target: string;
  imported: {
    objectId: string;
    identifierType: string;
    value: string;
    entryId: string | null;
    identifierId: string | null;
  }[];
  refused: { objectId: string; reason: string }[];
  otherObjects: number;
  caseRevision: number | null;
}

/** The demo scenario's case (src/cli/demo.cli.ts) and one carrying every identifier type. */
const DEMO_CASES: Record<string, Record<string, unknown>> = {
  factory: caseInput({ reference: 'STIX-FACTORY-1' }),
  demo: caseInput({
    reference: 'STIX-DEMO-1',
    title: 'Romance-scam compound laundering through USDT and BTC',
    offenceCategories: ['ONLINE_SCAM'],
    identifiers: [
      { id: 'w1', type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
      { id: 't1', type: 'TELEGRAM', value: '@scam_boss_kh' },
    ],
    transactions: [],
    requests: [
      {
        id: 'r1',
        kind: 'FREEZE_REQUEST',
        targetIdentifierId: 'w1',
        text: 'Please freeze this wallet at exchanges in Cambodia.',
      },
    ],
  }),
  everyIdentifier: caseInput({
    reference: 'STIX-ALL-IDS-1',
    tlp: 'GREEN',
    handlingCodes: [],
    offenceCategories: ['ONLINE_SCAM', 'DRUG_TRAFFICKING', 'MONEY_LAUNDERING'],
    identifiers: IDENTIFIER_TYPES.map((type, i) => ({ id: `i${i}`, type, value: SAMPLE_IDENTIFIERS[type] })),
    requests: [
      { id: 'r1', kind: 'REQUEST_FOR_INFORMATION', targetIdentifierId: 'i6', text: 'Subscriber of this number?' },
    ],
  }),
};

describe('STIX 2.1 export through GraphQL, validated against the official schemas', () => {
  const federation = new TestFederation('stix', NODES);
  const schemas = officialSchemas();
  let knpa: TestNode;
  const tokens: Record<string, string> = {};
  const caseIds: Record<string, string> = {};

  async function gql<T>(
    query: string,
    variables: Record<string, unknown>,
    token = tokens.liaison,
  ): Promise<GraphqlResponse<T>> {
    return knpa.graphql<T>(query, variables, token);
  }

  async function ok<T>(query: string, variables: Record<string, unknown>, token = tokens.liaison): Promise<T> {
    const response = await gql<T>(query, variables, token);
    if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  }

  function expectValid(bundle: StixObject): void {
    expect(bundle.type).toBe('bundle');
    expect(schemas.validateBundle(bundle)).toEqual([]);
    // Every object on its own too, so a failure names the object.
    for (const object of bundle.objects as StixObject[])
      expect({ id: object.id, errors: schemas.validateObject(object) }).toEqual({ id: object.id, errors: [] });
  }

  beforeAll(async () => {
    [knpa] = await federation.start({
      id: 'kr-knpa',
      database: 'stix_knpa',
      config: { name: 'Korean National Police Agency' },
    });
    tokens.analyst = await knpa.officerToken('stix-analyst', [Role.ANALYST]);
    tokens.liaison = await knpa.officerToken('stix-liaison', [Role.LIAISON_OFFICER]);
    for (const [name, input] of Object.entries(DEMO_CASES)) {
      caseIds[name] = (await ok<{ createCase: { id: string } }>(CREATE_CASE, { input }, tokens.analyst)).createCase.id;
    }
  });
  afterAll(() => federation.stop());

  it('exports every demo case for every partner whose policy allows it, each object valid', async () => {
    let exported = 0;
    for (const [name, caseId] of Object.entries(caseIds)) {
      for (const partnerId of PARTNERS) {
        const response = await gql<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseId, p: partnerId });
        if (response.errors) {
          // e.g. the hub's ceiling is TLP:GREEN: a denied case is refused with the policy's reasons, never exported.
          expect({ name, partnerId, code: response.errors[0].extensions?.code }).toEqual({
            name,
            partnerId,
            code: 'FORBIDDEN',
          });
          expect(response.errors[0].message).toMatch(
            /^policy 1 for .* denies case .*: (case is TLP|none of the case's offence categories)/,
          );
          continue;
        }
        expectValid(response.data!.exportCaseStix);
        exported++;
      }
    }
    expect(exported).toBeGreaterThanOrEqual(9);
  });

  it('maps every identifier type to an indicator with an observable, and applies the same policy as a packet', async () => {
    const forKcs = (await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.everyIdentifier, p: 'kr-kcs' }))
      .exportCaseStix;
    const objects = forKcs.objects as StixObject[];
    expect(objects.filter((o) => o.type === 'indicator')).toHaveLength(IDENTIFIER_TYPES.length);
    expect(new Set(objects.filter((o) => !('created' in o)).map((o) => o.type))).toEqual(
      new Set([
        'cryptocurrency-wallet',
        'user-account',
        'phone-number',
        'email-addr',
        'bank-account',
        'ipv4-addr',
        'domain-name',
        'cryptocurrency-transaction',
      ]),
    );
    // kh-gdce receives no phone-and-handle identifiers and no persons' PII beyond its transforms.
    const forGdce = (
      await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.everyIdentifier, p: 'kh-gdce' })
    ).exportCaseStix;
    const text = JSON.stringify(forGdce);
    expect(text).not.toContain(SAMPLE_IDENTIFIERS.TELEGRAM);
    expect(text).not.toContain(SAMPLE_IDENTIFIERS.EMAIL);
    expect(text).toContain(SAMPLE_IDENTIFIERS.WALLET_BTC);
    expect(text).not.toContain('M12345678');
    // Re-export: the same bundle.
    expect(
      (await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.everyIdentifier, p: 'kh-gdce' }))
        .exportCaseStix,
    ).toEqual(forGdce);
  });

  it('refuses analysts, unknown partners and purposes the policy does not allow, naming the reason', async () => {
    const asAnalyst = await gql(EXPORT_CASE, { c: caseIds.demo, p: 'kh-cnp' }, tokens.analyst);
    expect(asAnalyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await gql(EXPORT_CASE, { c: caseIds.demo, p: 'xx-nobody' });
    expect(unknown.errors?.[0].message).toContain('not a configured peer');
    const prosecution = await gql(EXPORT_CASE, { c: caseIds.demo, p: 'kh-cnp', purpose: 'PROSECUTION' });
    expect(prosecution.errors?.[0].message).toContain('purpose PROSECUTION is not allowed');
  });

  it('exports the watchlist, per partner exactly as its feed carries it', async () => {
    const validUntil = new Date(Date.now() + 90 * DAY_MS).toISOString();
    const entry = (identifierType: string, value: string, offenceCategory: string) => ({
      input: {
        identifierType,
        value,
        reason: 'Seen in case STIX-DEMO-1',
        offenceCategory,
        severity: 'HIGH',
        caseReference: 'STIX-DEMO-1',
        validUntil,
      },
    });
    await ok(ADD_ENTRY, entry('WALLET_BTC', SAMPLE_IDENTIFIERS.WALLET_BTC, 'ONLINE_SCAM'), tokens.analyst);
    await ok(ADD_ENTRY, entry('PHONE', SAMPLE_IDENTIFIERS.PHONE, 'HUMAN_TRAFFICKING'), tokens.analyst);
    await ok(ADD_ENTRY, entry('BANK_ACCOUNT', SAMPLE_IDENTIFIERS.BANK_ACCOUNT, 'MONEY_LAUNDERING'), tokens.analyst);

    const all = (await ok<{ exportWatchlistStix: StixObject }>(EXPORT_WATCHLIST, {}, tokens.analyst))
      .exportWatchlistStix;
    expectValid(all);
    expect((all.objects as StixObject[]).filter((o) => o.type === 'indicator')).toHaveLength(3);

    for (const partnerId of PARTNERS) {
      const bundle = (await ok<{ exportWatchlistStix: StixObject }>(EXPORT_WATCHLIST, { p: partnerId }, tokens.analyst))
        .exportWatchlistStix;
      expectValid(bundle);
      const feed = await knpa.app().get(WatchlistService).changesFor(partnerId, '0', 1000);
      const indicators = (bundle.objects as StixObject[]).filter((o) => o.type === 'indicator');
      expect(indicators.map((i) => i.name).sort()).toEqual(
        feed.items.map((item) => `${item.entry.identifierType} ${item.entry.value}`).sort(),
      );
    }
  });

  it("writes OpenCTI's observables as OpenCTI defines them, with extension definitions whose schemas the node serves", async () => {
    const bundle = (await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.everyIdentifier, p: 'kr-kcs' }))
      .exportCaseStix;
    const objects = bundle.objects as StixObject[];
    const byType = (type: string) => objects.filter((o) => o.type === type);
    expect(byType('cryptocurrency-wallet').every((w) => typeof w.value === 'string' && !('address' in w))).toBe(true);
    expect(byType('phone-number')).toEqual([expect.objectContaining({ value: SAMPLE_IDENTIFIERS.PHONE })]);
    expect(byType('bank-account')).toEqual([
      expect.objectContaining({ value: SAMPLE_IDENTIFIERS.BANK_ACCOUNT, iban: SAMPLE_IDENTIFIERS.BANK_ACCOUNT }),
    ]);
    const definitions = byType('extension-definition');
    expect(definitions.map((d) => d.name).sort()).toEqual([
      'fed-node bank-account-scheme',
      'fed-node cryptocurrency-transaction',
      'fed-node wallet-chain',
    ]);
    for (const definition of definitions) {
      const { pathname } = new URL(definition.schema as string);
      const served = await fetch(new URL(pathname, knpa.url));
      expect(served.headers.get('content-type')).toBe('application/schema+json');
      const file = pathname.slice(pathname.lastIndexOf('/') + 1);
      expect(await served.text()).toBe(readFileSync(new URL(`../../docs/stix/${file}`, import.meta.url), 'utf8'));
    }
    expect((await fetch(new URL('/stix/extensions/nothing.schema.json', knpa.url))).status).toBe(404);
  });

  describe('import', () => {
    const countEntries = async () =>
      Number((await sql<{ n: string }>(knpa.databaseUrl, 'SELECT count(*) AS n FROM watchlist_entry'))[0].n);
    const indicatorsOf = (bundle: StixObject) => (bundle.objects as StixObject[]).filter((o) => o.type === 'indicator');

    it('round trip: a case export becomes watchlist entries, those already listed refused with their entry', async () => {
      const exported = (
        await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.everyIdentifier, p: 'kr-kcs' })
      ).exportCaseStix;
      const before = await countEntries();
      const result = (
        await ok<{ importStix: ImportResult }>(IMPORT, { b: exported, d: { severity: 'LOW' } }, tokens.analyst)
      ).importStix;
      expect(result.target).toBe('WATCHLIST');
      // The watchlist test listed the wallet, the phone and the bank account already.
      expect(result.refused.map((r) => r.reason).sort()).toEqual([
        expect.stringMatching(/^BANK_ACCOUNT .* is already on our watchlist \(entry /),
        expect.stringMatching(/^PHONE .* is already on our watchlist/),
        expect.stringMatching(/^WALLET_BTC .* is already on our watchlist/),
      ]);
      expect(result.imported).toHaveLength(IDENTIFIER_TYPES.length - 3);
      expect(new Set(result.imported.map((i) => i.identifierType))).toEqual(
        new Set(IDENTIFIER_TYPES.filter((t) => !['WALLET_BTC', 'PHONE', 'BANK_ACCOUNT'].includes(t))),
      );
      expect(await countEntries()).toBe(before + IDENTIFIER_TYPES.length - 3);
      const [stored] = await sql<{ severity: string; offence_category: string; changed_by: string }>(
        knpa.databaseUrl,
        'SELECT severity, offence_category, changed_by FROM watchlist_entry WHERE entry_id = $1',
        [result.imported[0].entryId],
      );
      expect(stored).toEqual({ severity: 'LOW', offence_category: 'ONLINE_SCAM', changed_by: 'stix-analyst' });
      // The new entries export again, and the export validates.
      expectValid(
        (await ok<{ exportWatchlistStix: StixObject }>(EXPORT_WATCHLIST, {}, tokens.analyst)).exportWatchlistStix,
      );
    });

    it('imports into a case as one new revision; a second import finds them all there already', async () => {
      const target = (
        await ok<{ createCase: { id: string } }>(
          CREATE_CASE,
          { input: caseInput({ reference: 'STIX-IMPORT-1', identifiers: [], transactions: [], requests: [] }) },
          tokens.analyst,
        )
      ).createCase.id;
      const exported = (await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.demo, p: 'kh-cnp' }))
        .exportCaseStix;
      const first = (await ok<{ importStix: ImportResult }>(IMPORT, { b: exported, c: target }, tokens.analyst))
        .importStix;
      expect(first).toMatchObject({ target, caseRevision: 2, refused: [] });
      expect(first.imported.map((i) => [i.identifierType, i.value])).toEqual([
        ['WALLET_BTC', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
        ['TELEGRAM', '@scam_boss_kh'],
      ]);
      const [row] = await sql<{ n: string }>(
        knpa.databaseUrl,
        'SELECT count(*) AS n FROM case_identifier WHERE case_id = $1',
        [target],
      );
      expect(Number(row.n)).toBe(2);
      const again = (await ok<{ importStix: ImportResult }>(IMPORT, { b: exported, c: target }, tokens.analyst))
        .importStix;
      expect(again).toMatchObject({ imported: [], caseRevision: 2 });
      expect(again.refused.map((r) => r.reason)).toEqual([
        expect.stringContaining('is already in the case (identifier stix-'),
        expect.stringContaining('is already in the case'),
      ]);
    });

    it('refuses an invalid bundle whole with the JSON pointer, and writes nothing of a bundle it cannot take whole', async () => {
      const exported = (await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.factory, p: 'kr-kcs' }))
        .exportCaseStix;
      const objects = exported.objects as StixObject[];
      const broken = {
        ...exported,
        objects: objects.map((o) => (o.type === 'indicator' ? { ...o, pattern_type: 42 } : o)),
      };
      const before = await countEntries();
      const invalid = await gql(IMPORT, { b: broken }, tokens.analyst);
      expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(invalid.errors?.[0].message).toMatch(
        /^not a valid STIX 2.1 bundle: \/objects\/\d+\/pattern_type: must be string/,
      );

      // Three new identifiers, one of which stays valid beyond what a watchlist entry may: nothing is written.
      const fresh = [
        {
          ...indicatorsOf(exported)[0],
          id: 'indicator--00000000-0000-4000-8000-0000000000a1',
          pattern: "[email-addr:value = 'first@fresh.example']",
        },
        {
          ...indicatorsOf(exported)[0],
          id: 'indicator--00000000-0000-4000-8000-0000000000a2',
          pattern: "[domain-name:value = 'fresh.example']",
        },
        {
          ...indicatorsOf(exported)[0],
          id: 'indicator--00000000-0000-4000-8000-0000000000a3',
          pattern: "[ipv4-addr:value = '198.51.100.9']",
          valid_until: '2099-01-01T00:00:00.000Z',
        },
      ];
      const tooLong = await gql(
        IMPORT,
        { b: { ...exported, objects: [...objects.filter((o) => o.type !== 'indicator'), ...fresh] } },
        tokens.analyst,
      );
      expect(tooLong.errors?.[0].message).toMatch(/validUntil: must be at most 3650 days ahead/);
      expect(await countEntries()).toBe(before);
    });

    it('is for analysts only', async () => {
      const exported = (await ok<{ exportCaseStix: StixObject }>(EXPORT_CASE, { c: caseIds.demo, p: 'kh-cnp' }))
        .exportCaseStix;
      expect((await gql(IMPORT, { b: exported }, tokens.liaison)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});
