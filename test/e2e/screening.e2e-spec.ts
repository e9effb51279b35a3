import { randomBytes, randomUUID } from 'node:crypto';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { IdentifierGraphService } from '../../src/screening/identifier-graph.service.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const COUNTERPARTY = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2';
const PARTNER_COUNTERPARTY = '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy';
const VALIDATE =
  'query ($type: IdentifierType!, $value: String!) { validateIdentifier(type: $type, value: $value) { valid normalized reason } }';
const SCREEN = `query ($ids: [IdentifierInput!]!) { screen(identifiers: $ids) {
  type value valid normalized reason hits { source sourceNode caseId caseReference tlp watchlistEntryId offenceCategory severity receivedPacketId } } }`;
const GRAPH =
  'query ($type: IdentifierType!, $value: String!, $depth: Int) { identifierGraph(type: $type, value: $value, depth: $depth) { nodes { kind id label } edges { from to relation } truncated } }';

interface Hit {
  source: string;
  sourceNode: string;
  caseId: string | null;
  caseReference: string | null;
  tlp: string | null;
  watchlistEntryId: string | null;
  offenceCategory: string | null;
  severity: string | null;
  receivedPacketId: string | null;
}
interface Result {
  type: string;
  value: string;
  valid: boolean;
  normalized: string | null;
  reason: string | null;
  hits: Hit[];
}
interface Graph {
  nodes: { kind: string; id: string; label: string }[];
  edges: { from: string; to: string; relation: string }[];
  truncated: boolean;
}

describe('identifier validation, screening and the link graph', () => {
  const federation = new TestFederation('screening', ['kr-knpa', 'kh-cnp']);
  let node: TestNode;
  let analyst: string;
  let auditor: string;
  const seeded: { caseId?: string; caseReference?: string; otherCaseId?: string; entryId?: string; packetId?: string } =
    {};

  async function gql<T>(query: string, variables: Record<string, unknown>, token = analyst): Promise<T> {
    const response = await node.graphql<T>(query, variables, token);
    if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  }

  beforeAll(async () => {
    [node] = await federation.start({
      id: 'kr-knpa',
      database: 'screening',
      trusted: ['kh-cnp'],
      config: { name: 'Korean National Police Agency' },
    });
    analyst = await node.officerToken('analyst-screen', [Role.ANALYST]);
    auditor = await node.officerToken('auditor-screen', [Role.AUDITOR]);

    // Case 1 holds the wallet and a payment from it to the counterparty; case 2 knows only the counterparty.
    const first = await gql<{ createCase: { id: string; reference: string } }>(CREATE_CASE, {
      input: caseInput({ reference: 'KNPA-2026-SCR-1' }),
    });
    seeded.caseId = first.createCase.id;
    seeded.caseReference = first.createCase.reference;
    const second = await gql<{ createCase: { id: string } }>(CREATE_CASE, {
      input: caseInput({
        reference: 'KNPA-2026-SCR-2',
        identifiers: [{ id: 'c1', type: 'WALLET_BTC', value: COUNTERPARTY }],
        transactions: [],
        requests: [],
      }),
    });
    seeded.otherCaseId = second.createCase.id;

    const entry = await gql<{ addWatchlistEntry: { entryId: string } }>(
      'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }',
      {
        input: {
          identifierType: 'WALLET_BTC',
          value: WALLET.toUpperCase(),
          reason: 'Collection wallet of a romance-scam compound',
          offenceCategory: 'ONLINE_SCAM',
          severity: 'HIGH',
          caseReference: 'KNPA-2026-SCR-1',
          validUntil: new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString(),
        },
      },
    );
    seeded.entryId = entry.addWatchlistEntry.entryId;

    // A case kh-cnp shared with us, stored as the inbound service would have stored it.
    const transactions = [
      {
        id: 'ptx',
        chain: 'bitcoin',
        txHash: 'aa'.repeat(32),
        from: PARTNER_COUNTERPARTY,
        to: WALLET,
        asset: 'BTC',
        amount: '0.5',
        time: '2026-03-02T10:00:00Z',
      },
    ];
    const [packet] = await sql<{ id: string }>(
      node.databaseUrl,
      `INSERT INTO received_packet (packet_id, type, origin_node, delivered_by, policy_version, inbound_policy_version, sender_certificate_fingerprint,
         case_reference, title, tlp, content, sealed, created_at, received_at, retention_until)
       VALUES ($1, 'CASE_SHARE', 'kh-cnp', 'kh-cnp', 'kh-cnp@1', 1, 'test', 'CNP-2026-77', 'Shared', 'AMBER', $2, '{}', now(), now(), now() + interval '30 days')
       RETURNING id`,
      [
        randomUUID(),
        JSON.stringify({
          reference: 'CNP-2026-77',
          identifiers: [{ id: 'i1', type: 'WALLET_BTC', value: WALLET }],
          transactions,
        }),
      ],
    );
    seeded.packetId = packet.id;
    await sql(
      node.databaseUrl,
      `INSERT INTO received_identifier (received_packet_id, type, value) VALUES ($1, 'WALLET_BTC', $2)`,
      [packet.id, WALLET],
    );
  });
  afterAll(() => federation.stop());

  it('validates good and bad Bitcoin, EVM and phone values for any role', async () => {
    const check = async (type: string, value: string) =>
      (await gql<{ validateIdentifier: Result }>(VALIDATE, { type, value }, auditor)).validateIdentifier;
    expect(await check('WALLET_BTC', WALLET.toUpperCase())).toEqual({ valid: true, normalized: WALLET, reason: null });
    expect(await check('WALLET_BTC', `${WALLET.slice(0, -1)}x`)).toMatchObject({
      valid: false,
      normalized: null,
      reason: expect.stringMatching(/^bad checksum/),
    });
    expect(await check('WALLET_EVM', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toEqual({
      valid: true,
      normalized: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      reason: null,
    });
    expect(await check('WALLET_EVM', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^mixed case/),
    });
    expect(await check('PHONE', '+44 20 7946 0958')).toEqual({
      valid: true,
      normalized: '+442079460958',
      reason: null,
    });
    expect(await check('PHONE', '+1 123')).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^wrong length/),
    });
  });

  it('finds a wallet in a local case, the watchlist and partner data, in input order, marking invalid input', async () => {
    const ids = [
      { type: 'PHONE', value: '+44 20 7946 0958' },
      { type: 'WALLET_BTC', value: ` ${WALLET.toUpperCase()} ` },
      { type: 'WALLET_BTC', value: 'not-a-wallet' },
      { type: 'WALLET_BTC', value: COUNTERPARTY },
    ];
    const results = (await gql<{ screen: Result[] }>(SCREEN, { ids })).screen;
    expect(results.map((r) => r.value)).toEqual(ids.map((i) => i.value));
    expect(results[0]).toMatchObject({ valid: true, normalized: '+442079460958', hits: [] });
    expect(results[2]).toMatchObject({ valid: false, normalized: null, reason: expect.any(String), hits: [] });
    expect(results[3].hits).toEqual([
      expect.objectContaining({ source: 'LOCAL_CASE', caseId: seeded.otherCaseId, caseReference: 'KNPA-2026-SCR-2' }),
    ]);
    const hits = results[1].hits;
    expect(results[1].normalized).toBe(WALLET);
    expect(hits).toHaveLength(3);
    expect(hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'LOCAL_CASE',
          sourceNode: 'kr-knpa',
          caseId: seeded.caseId,
          caseReference: 'KNPA-2026-SCR-1',
          tlp: 'AMBER',
        }),
        expect.objectContaining({
          source: 'WATCHLIST',
          sourceNode: 'kr-knpa',
          watchlistEntryId: seeded.entryId,
          offenceCategory: 'ONLINE_SCAM',
          severity: 'HIGH',
          caseReference: 'KNPA-2026-SCR-1',
        }),
        expect.objectContaining({
          source: 'PARTNER_DATA',
          sourceNode: 'kh-cnp',
          receivedPacketId: seeded.packetId,
          caseReference: 'CNP-2026-77',
          tlp: 'AMBER',
        }),
      ]),
    );
  });

  it('leaves revoked watchlist entries out', async () => {
    await gql('mutation ($id: ID!) { revokeWatchlistEntry(entryId: $id, reason: "closed") { entryId } }', {
      id: seeded.entryId,
    });
    const [result] = (await gql<{ screen: Result[] }>(SCREEN, { ids: [{ type: 'WALLET_BTC', value: WALLET }] })).screen;
    expect(result.hits.map((h) => h.source).sort()).toEqual(['LOCAL_CASE', 'PARTNER_DATA']);
  });

  it('gives one hit per case even when a case lists the identifier twice, cases in reference order', async () => {
    const handle = '@dup_desk_screen';
    const twice = [
      { id: 'h1', type: 'TELEGRAM', value: handle },
      { id: 'h2', type: 'TELEGRAM', value: ` ${handle}` },
    ];
    const later = await gql<{ createCase: { id: string } }>(CREATE_CASE, {
      input: caseInput({ reference: 'KNPA-2026-SCR-9', identifiers: twice, transactions: [], requests: [] }),
    });
    const earlier = await gql<{ createCase: { id: string } }>(CREATE_CASE, {
      input: caseInput({ reference: 'KNPA-2026-SCR-3', identifiers: [twice[0]], transactions: [], requests: [] }),
    });
    const [result] = (await gql<{ screen: Result[] }>(SCREEN, { ids: [{ type: 'TELEGRAM', value: handle }] })).screen;
    expect(result.hits.map((h) => [h.source, h.caseId, h.caseReference])).toEqual([
      ['LOCAL_CASE', earlier.createCase.id, 'KNPA-2026-SCR-3'],
      ['LOCAL_CASE', later.createCase.id, 'KNPA-2026-SCR-9'],
    ]);
  });

  it('screens 10,000 identifiers in one call and refuses 10,001 naming identifiers', async () => {
    const ids = Array.from({ length: 10_000 }, () => ({
      type: 'WALLET_EVM',
      value: `0x${randomBytes(20).toString('hex')}`,
    }));
    ids[7_777] = { type: 'WALLET_BTC', value: COUNTERPARTY };
    const results = (
      await gql<{ screen: Result[] }>(
        'query ($ids: [IdentifierInput!]!) { screen(identifiers: $ids) { value valid hits { source caseId } } }',
        { ids },
      )
    ).screen;
    expect(results).toHaveLength(10_000);
    expect(results.every((r) => r.valid)).toBe(true);
    expect(results.filter((r) => r.hits.length > 0).map((r) => r.value)).toEqual([COUNTERPARTY]);
    expect(results[7_777].hits).toEqual([{ source: 'LOCAL_CASE', caseId: seeded.otherCaseId }]);

    const refused = await node.graphql(SCREEN, { ids: [...ids, { type: 'PHONE', value: '+442079460958' }] }, analyst);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifiers' });
  });

  it('lets analysts only screen', async () => {
    const refused = await node.graphql(SCREEN, { ids: [{ type: 'WALLET_BTC', value: WALLET }] }, auditor);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('follows wallet → transaction → counterparty → other case at depth 2, and partner transactions too', async () => {
    const graph = (await gql<{ identifierGraph: Graph }>(GRAPH, { type: 'WALLET_BTC', value: WALLET })).identifierGraph;
    const wallet = `identifier:WALLET_BTC:${WALLET}`;
    const counterparty = `identifier:WALLET_BTC:${COUNTERPARTY}`;
    const tx = 'transaction:bitcoin:f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';
    expect(graph.truncated).toBe(false);
    expect(graph.nodes.map((n) => n.kind).sort()).toEqual([
      'CASE',
      'CASE',
      'IDENTIFIER',
      'IDENTIFIER',
      'IDENTIFIER',
      'RECEIVED_CASE',
      'TRANSACTION',
      'TRANSACTION',
    ]);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: wallet, to: `case:${seeded.caseId}`, relation: 'MENTIONED_IN' },
        { from: wallet, to: `received:${seeded.packetId}`, relation: 'MENTIONED_IN' },
        { from: wallet, to: tx, relation: 'SENT' },
        { from: tx, to: counterparty, relation: 'PAID_TO' },
        { from: tx, to: `case:${seeded.caseId}`, relation: 'RECORDED_IN' },
        { from: counterparty, to: `case:${seeded.otherCaseId}`, relation: 'MENTIONED_IN' },
        {
          from: `identifier:WALLET_BTC:${PARTNER_COUNTERPARTY}`,
          to: `transaction:bitcoin:${'aa'.repeat(32)}`,
          relation: 'SENT',
        },
      ]),
    );

    // At depth 1 the counterparty is reached but not expanded.
    const shallow = (await gql<{ identifierGraph: Graph }>(GRAPH, { type: 'WALLET_BTC', value: WALLET, depth: 1 }))
      .identifierGraph;
    expect(shallow.nodes.some((n) => n.id === counterparty)).toBe(true);
    expect(shallow.nodes.some((n) => n.id === `case:${seeded.otherCaseId}`)).toBe(false);
  });

  it('cuts the graph at the node limit and says so, and refuses a depth beyond 4', async () => {
    const graph = await node.app().get(IdentifierGraphService).graph('WALLET_BTC', WALLET, 2, 3);
    expect(graph.truncated).toBe(true);
    expect(graph.nodes).toHaveLength(3);
    expect(graph.nodes[0].id).toBe(`identifier:WALLET_BTC:${WALLET}`);
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.every((e) => ids.has(e.from) && ids.has(e.to))).toBe(true);

    const deep = await node.graphql(GRAPH, { type: 'WALLET_BTC', value: WALLET, depth: 5 }, analyst);
    expect(deep.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
  });
});
