import { existsSync, readFileSync } from 'node:fs';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { mispEventUuid } from '../../src/misp/misp-event.js';
import { TaxiiListener } from '../../src/taxii/taxii-listener.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { mispEventProblems, OFFICIAL_TEMPLATES_DIR } from '../support/misp-checker.js';
import { exchange, type TaxiiResponse } from '../support/taxii-client.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kh-cnp', 'kh-gdce'];
const ISSUE = 'mutation ($p: String!) { issueTaxiiAccount(partnerId: $p) { username password collectionId } }';
const ISSUE_TOOL = 'mutation ($n: String!) { issueTaxiiPublisherAccount(name: $n) { username password } }';
const REQUEST_SHARE = `mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id status preview } }`;
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { id status } }';
const EXPORT = 'query ($c: ID!, $p: String!) { exportCaseMisp(caseId: $c, partnerId: $p) }';
const IMPORT = `mutation ($e: JSON!, $c: ID, $d: StixImportDefaults) {
  importMisp(event: $e, caseId: $c, defaults: $d) { target imported { objectId identifierType value entryId identifierId } refused { objectId reason } otherObjects caseRevision } }`;

type Credentials = { username: string; password: string };
type Json = Record<string, unknown>;
type ImportResult = {
  target: string;
  imported: { objectId: string; identifierType: string; value: string }[];
  refused: { objectId: string; reason: string }[];
  otherObjects: number;
  caseRevision: number | null;
};
const basic = (c: Credentials) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** Every attribute of an event, standalone and inside objects. */
function attributesOf(event: Json): Json[] {
  return [
    ...((event.Attribute as Json[]) ?? []),
    ...((event.Object as Json[]) ?? []).flatMap((o) => (o.Attribute as Json[]) ?? []),
  ];
}

describe('MISP: a per-partner feed, case export and event import in the MISP core format', () => {
  const federation = new TestFederation('misp', NODES);
  let knpa: TestNode;
  let ca: string;
  const tokens: Record<string, string> = {};
  const accounts: Record<string, Credentials> = {};
  let caseId = '';
  let released: Json = {};
  const feed = (file: string, credentials?: Credentials, base?: string): Promise<TaxiiResponse> =>
    exchange(`${base ?? (knpa.app().get(TaxiiListener).url() as string)}/misp/feed/${file}`, {
      headers: { Accept: 'application/json', ...(credentials ? { Authorization: basic(credentials) } : {}) },
      tls: { ca, pinnedNode: 'kr-knpa' },
    });
  async function ok<T>(query: string, variables: Json, token: string): Promise<T> {
    const response = await knpa.graphql<T>(query, variables, token);
    if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  }

  beforeAll(async () => {
    [knpa] = await federation.start({
      id: 'kr-knpa',
      database: 'misp_knpa',
      config: { name: 'Korean National Police Agency', taxii: { port: 0 } },
    });
    ca = readFileSync(federation.anchor('kr-knpa'), 'utf8');
    tokens.admin = await knpa.officerToken('misp-admin', [Role.ADMIN]);
    tokens.analyst = await knpa.officerToken('misp-analyst', [Role.ANALYST]);
    tokens.liaison = await knpa.officerToken('misp-liaison', [Role.LIAISON_OFFICER]);
    for (const partner of ['kh-cnp', 'kh-gdce'])
      accounts[partner] = (
        await ok<{ issueTaxiiAccount: Credentials }>(ISSUE, { p: partner }, tokens.admin)
      ).issueTaxiiAccount;
    accounts.tool = (
      await ok<{ issueTaxiiPublisherAccount: Credentials }>(ISSUE_TOOL, { n: 'misp-local' }, tokens.admin)
    ).issueTaxiiPublisherAccount;
    const input = caseInput({
      reference: 'MISP-FEED-1',
      identifiers: [
        { id: 'w1', type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
        { id: 'w2', type: 'WALLET_EVM', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' },
        {
          id: 'w3',
          type: 'WALLET_XMR',
          value: '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
        },
        { id: 't1', type: 'TELEGRAM', value: '@scam_boss_kh' },
        { id: 'p1', type: 'PHONE', value: '+85512345678' },
        { id: 'b1', type: 'BANK_ACCOUNT', value: 'DE89370400440532013000' },
      ],
      transactions: [
        ...(caseInput().transactions as Json[]),
        {
          id: 'tx2',
          chain: 'tron',
          txHash: 'a'.repeat(64),
          from: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
          to: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
          asset: 'USDT',
          amount: '1500.00',
          time: '2026-03-02T10:00:00Z',
        },
      ],
    });
    caseId = (await ok<{ createCase: { id: string } }>(CREATE_CASE, { input }, tokens.analyst)).createCase.id;
    const [share] = (
      await ok<{ requestShare: { id: string; preview: Json }[] }>(
        REQUEST_SHARE,
        { c: caseId, p: ['kh-cnp'] },
        tokens.analyst,
      )
    ).requestShare;
    released = share.preview;
    await ok(APPROVE, { id: share.id }, tokens.liaison);
  });
  afterAll(() => federation.stop());

  it('feeds each partner the cases released to it, exactly the approved preview, in the core format', async () => {
    const manifest = await feed('manifest.json', accounts['kh-cnp']);
    expect(manifest.status).toBe(200);
    const uuid = mispEventUuid('kr-knpa', caseId, 'kh-cnp');
    expect(Object.keys(manifest.body)).toEqual([uuid]);
    expect(manifest.body[uuid]).toMatchObject({
      info: expect.stringMatching(/^MISP-FEED-1: /),
      Orgc: { name: knpa.config.name },
    });
    const { body } = await feed(`${uuid}.json`, accounts['kh-cnp']);
    expect(mispEventProblems(body)).toEqual([]);
    const event = body.Event as Json;
    expect((event.Tag as { name: string }[]).map((t) => t.name)).toEqual(
      expect.arrayContaining(['tlp:amber', 'fed-node:offence="online-scam"', 'admiralty-scale:source-reliability="b"']),
    );
    // The preview the officer approved, value for value: kh-cnp receives the year of birth only.
    const values = attributesOf(event).map((a) => a.value);
    for (const identifier of released.identifiers as { value: string }[]) expect(values).toContain(identifier.value);
    expect(values).toContain('1988');
    expect(values).not.toContain('1988-04-17');
    const objects = event.Object as Json[];
    expect(objects.map((o) => o.name).sort()).toEqual([
      'btc-transaction',
      'btc-transaction',
      'coin-address',
      'coin-address',
      'coin-address',
    ]);
    const xmr = objects.find((o) => (o.Attribute as Json[]).some((a) => a.object_relation === 'address-xmr')) as Json;
    expect((xmr.Attribute as Json[]).map((a) => [a.object_relation, a.type, a.value])).toEqual([
      ['address-xmr', 'xmr', expect.stringMatching(/^44AFF/)],
      ['symbol', 'text', 'XMR'],
    ]);
    const tron = objects.find((o) => String(o.comment).startsWith('chain tron')) as Json;
    expect(tron.comment).toBe(
      'chain tron, asset USDT, amount 1500.00, from TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t, to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    );
    expect((tron.Attribute as Json[]).map((a) => a.object_relation)).toEqual(['transaction-number', 'time']);
    expect(attributesOf(event).find((a) => a.type === 'iban')).toMatchObject({
      value: 'DE89370400440532013000',
      to_ids: true,
    });
    const report = (event.EventReport as Json[])[0].content as string;
    expect(report).toContain('Please freeze this wallet at your exchanges.');
    expect(report).toContain('delete after 365 days');
  });

  it('keeps partners apart and the feed on the TAXII listener, behind a partner account', async () => {
    const uuid = mispEventUuid('kr-knpa', caseId, 'kh-cnp');
    expect((await feed('manifest.json', accounts['kh-gdce'])).body).toEqual({});
    expect((await feed(`${uuid}.json`, accounts['kh-gdce'])).status).toBe(404);
    const anonymous = await feed('manifest.json');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic /);
    expect((await feed('manifest.json', accounts.tool)).status).toBe(403);
    const officersPort = await feed('manifest.json', accounts['kh-cnp'], knpa.url);
    expect(officersPort.status).toBe(404);
    expect(officersPort.text).not.toContain(uuid);
  });

  it('exports a case as a MISP event for a partner, under its policy, that passes the core format and templates', async () => {
    const event = (await ok<{ exportCaseMisp: Json }>(EXPORT, { c: caseId, p: 'kh-gdce' }, tokens.liaison))
      .exportCaseMisp;
    expect(mispEventProblems(event)).toEqual([]);
    const text = JSON.stringify(event);
    expect(text).not.toContain('@scam_boss_kh'); // kh-gdce receives no handles
    expect(text).toContain('***678'); // and passport numbers as their last 3 characters
    expect((await knpa.graphql(EXPORT, { c: caseId, p: 'kh-gdce' }, tokens.analyst)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    // The checker fails what the templates forbid.
    const broken = structuredClone(event) as { Event: { Object: Json[] } };
    broken.Event.Object[0].template_version = '1';
    (broken.Event.Object[0].Attribute as Json[])[0].type = 'text';
    expect(mispEventProblems(broken)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/template_version 1/),
        expect.stringMatching(/must be of type btc/),
      ]),
    );
    if (existsSync(OFFICIAL_TEMPLATES_DIR))
      expect(mispEventProblems(broken).some((p) => p.includes('official'))).toBe(true);
  });

  it('imports a MISP event into a case, and into the watchlist by the rules of a STIX import', async () => {
    const event = (await ok<{ exportCaseMisp: Json }>(EXPORT, { c: caseId, p: 'kh-cnp' }, tokens.liaison))
      .exportCaseMisp;
    const target = (
      await ok<{ createCase: { id: string } }>(
        CREATE_CASE,
        { input: caseInput({ reference: 'MISP-IMPORT-1', identifiers: [], transactions: [], requests: [] }) },
        tokens.analyst,
      )
    ).createCase.id;
    const intoCase = (await ok<{ importMisp: ImportResult }>(IMPORT, { e: event, c: target }, tokens.analyst))
      .importMisp;
    expect(intoCase).toMatchObject({ target, caseRevision: 2, refused: [] });
    // The Telegram handle travels as a text attribute: context, not an identifier MISP can type.
    expect(intoCase.imported.map((i) => i.identifierType).sort()).toEqual([
      'BANK_ACCOUNT',
      'PHONE',
      'WALLET_BTC',
      'WALLET_EVM',
      'WALLET_XMR',
    ]);

    const tagged = structuredClone(event) as { Event: Json };
    const inner = tagged.Event;
    (inner.Attribute as Json[]).push(
      {
        uuid: '8f2c1d3e-0000-4000-8000-000000000001',
        type: 'btc',
        category: 'Financial fraud',
        value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz',
        to_ids: true,
      },
      {
        uuid: '8f2c1d3e-0000-4000-8000-000000000002',
        type: 'email-src',
        category: 'Payload delivery',
        value: 'Lure@Scam.example',
        to_ids: true,
        comment: 'Phishing sender',
      },
    );
    const watchlist = (await ok<{ importMisp: ImportResult }>(IMPORT, { e: tagged }, tokens.analyst)).importMisp;
    expect(watchlist.target).toBe('WATCHLIST');
    expect(watchlist.imported.map((i) => [i.identifierType, i.value])).toContainEqual(['EMAIL', 'Lure@scam.example']);
    expect(watchlist.refused).toEqual([
      {
        objectId: '8f2c1d3e-0000-4000-8000-000000000001',
        reason: expect.stringMatching(/^not a valid WALLET_BTC .*checksum/i),
      },
    ]);
    expect(watchlist.otherObjects).toBeGreaterThan(0);
    const [entry] = await sql<{ reason: string; offence_category: string }>(
      knpa.databaseUrl,
      "SELECT reason, offence_category FROM watchlist_entry WHERE value = 'Lure@scam.example'",
    );
    expect(entry).toEqual({ reason: 'Phishing sender', offence_category: 'ONLINE_SCAM' });

    // An event its producer marked TLP:RED goes into a case, never into the watchlist (entries go to partners as AMBER).
    const red = structuredClone(event) as { Event: Json };
    red.Event.Tag = [{ name: 'tlp:red' }];
    red.Event.Attribute = [
      {
        uuid: '8f2c1d3e-0000-4000-8000-000000000003',
        type: 'domain',
        category: 'Network activity',
        value: 'red-only.example',
        to_ids: true,
      },
    ];
    red.Event.Object = [];
    const refused = (
      await ok<{ importMisp: ImportResult }>(IMPORT, { e: red, d: { offenceCategory: 'CYBERCRIME' } }, tokens.analyst)
    ).importMisp;
    expect(refused.refused).toEqual([
      {
        objectId: '8f2c1d3e-0000-4000-8000-000000000003',
        reason: expect.stringMatching(/^marked TLP:RED, .*import it into a case instead$/),
      },
    ]);

    const invalid = await knpa.graphql(
      IMPORT,
      { e: { Event: { uuid: 'x', info: 'y', Attribute: [] } } },
      tokens.analyst,
    );
    expect(invalid.errors?.[0]).toMatchObject({
      message: 'not a MISP event: Event.uuid: must be a UUID',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
