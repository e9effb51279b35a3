import { Role } from '../../src/kernel/vocabulary/role.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { callPeer } from '../../src/transport/peer-client.js';
import { loadNodeIdentity } from '../../src/identity/node-identity.loader.js';
import pino from 'pino';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { parsePrometheusText, sampleValue, type PromSample } from '../support/prometheus-text.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode, testConfig } from '../support/test-node.js';
import { eventually } from '../support/eventually.js';

const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'];
const SCRAPE_TOKEN = 'knpa-scrape-token-for-tests-2026';

/** Scrapes /metrics after real deliveries, a refused packet and screening, on nodes with each access rule. */
describe('GET /metrics', () => {
  const federation = new TestFederation('metrics', NODES, { fallback: 'dead-port' });
  let knpa: TestNode; // scrape token
  let cnp: TestNode; // anonymous
  let hub: TestNode; // default: off
  let analyst: string;
  let officer: string;

  const fast = {
    host: '127.0.0.1',
    port: 0,
    retryBaseSeconds: 0.3,
    maxRetryDelaySeconds: 1,
    requestTimeoutSeconds: 5,
    watchlistPushIntervalMs: 100,
  };

  async function scrape(
    node: TestNode,
    token?: string,
  ): Promise<{ status: number; contentType: string | null; text: string }> {
    const response = await fetch(`${node.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  }
  async function samples(node: TestNode, token?: string): Promise<PromSample[]> {
    const answer = await scrape(node, token);
    if (answer.status !== 200) throw new Error(`scrape answered ${answer.status}: ${answer.text}`);
    return parsePrometheusText(answer.text);
  }

  async function approvedShare(partner: string): Promise<string> {
    const created = await knpa.graphql<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput({ offenceCategories: ['ONLINE_SCAM'], tlp: 'GREEN' }) },
      analyst,
    );
    const requested = await knpa.graphql<{ requestShare: { id: string }[] }>(
      'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id } }',
      { c: created.data!.createCase.id, p: [partner] },
      analyst,
    );
    const approved = await knpa.graphql<{ approveShare: { packetId: string } }>(
      'mutation ($id: ID!) { approveShare(id: $id) { packetId } }',
      { id: requested.data!.requestShare[0].id },
      officer,
    );
    if (!approved.data) throw new Error(JSON.stringify(approved.errors));
    return approved.data.approveShare.packetId;
  }

  beforeAll(async () => {
    [cnp, hub, knpa] = await federation.start(
      { id: 'kh-cnp', database: 'metrics_cnp', config: { federation: fast, metrics: { anonymous: true } } },
      { id: 'asean-hub', database: 'metrics_hub', config: { federation: fast } },
      {
        id: 'kr-knpa',
        database: 'metrics_knpa',
        config: { federation: fast, metrics: { token: SCRAPE_TOKEN } },
        linkTo: ['kh-cnp'],
      },
    );
    analyst = await knpa.officerToken('m-analyst', [Role.ANALYST]);
    officer = await knpa.officerToken('m-officer', [Role.LIAISON_OFFICER]);
  });
  afterAll(() => federation.stop());

  it('is off unless configured, wants the scrape token when one is set, and is open only when anonymous is chosen', async () => {
    const off = await scrape(hub);
    expect(off.status).toBe(403);
    expect(JSON.parse(off.text)).toEqual({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/metrics.tokenFile/) },
    });
    expect(off.text).not.toContain('fednode_');

    for (const token of [undefined, 'wrong-token-wrong-token', `${SCRAPE_TOKEN}x`]) {
      const refused = await scrape(knpa, token);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text).error.code).toBe('UNAUTHENTICATED');
    }
    // An officer's token is not a scrape token.
    expect((await scrape(knpa, analyst)).status).toBe(401);

    const allowed = await scrape(knpa, SCRAPE_TOKEN);
    expect(allowed.status).toBe(200);
    expect(allowed.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(allowed.text).toMatch(/^# TYPE fednode_deliveries gauge$/m);

    expect((await scrape(cnp)).status).toBe(200);
  });

  it('counts a delivery at both ends, the queue towards an unreachable partner, a refused packet by reason, and sync lag per peer', async () => {
    const before = await samples(knpa, SCRAPE_TOKEN);
    const sentBefore =
      sampleValue(before, 'fednode_packets_sent_total', { partner: 'kh-cnp', outcome: 'accepted' }) ?? 0;
    const deliveredBefore = sampleValue(before, 'fednode_deliveries', { state: 'DELIVERED' })!;

    const packetId = await approvedShare('kh-cnp');
    await eventually('delivery', async () => {
      const [row] = await sql<{ status: string }>(
        knpa.databaseUrl,
        'SELECT status FROM delivery WHERE packet_id = $1',
        [packetId],
      );
      return row?.status === 'DELIVERED' ? row : undefined;
    });
    await approvedShare('asean-hub'); // its peer URL is a closed port: the delivery waits in the queue

    const after = await eventually('metrics of the delivery and the queue', async () => {
      const current = await samples(knpa, SCRAPE_TOKEN);
      return (sampleValue(current, 'fednode_delivery_queue_oldest_age_seconds', { partner: 'asean-hub' }) ?? 0) > 0
        ? current
        : undefined;
    });
    expect(sampleValue(after, 'fednode_packets_sent_total', { partner: 'kh-cnp', outcome: 'accepted' })).toBe(
      sentBefore + 1,
    );
    expect(sampleValue(after, 'fednode_deliveries', { state: 'DELIVERED' })).toBe(deliveredBefore + 1);
    expect(sampleValue(after, 'fednode_deliveries', { state: 'QUEUED' })).toBe(1);
    expect(sampleValue(after, 'fednode_delivery_queue_depth', { partner: 'asean-hub' })).toBe(1);
    expect(sampleValue(after, 'fednode_delivery_queue_depth', { partner: 'kh-cnp' })).toBe(0);
    expect(sampleValue(after, 'fednode_delivery_queue_oldest_age_seconds', { partner: 'kh-cnp' })).toBe(0);

    const atCnp = await samples(cnp);
    expect(sampleValue(atCnp, 'fednode_packets_received_total', { partner: 'kr-knpa' })).toBe(1);

    // The same packet id with a forged signature: refused, recorded and counted under its reason code.
    const [{ packet }] = await sql<{ packet: SealedPacket }>(
      knpa.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [packetId],
    );
    const signature = String(packet.signature);
    const forged = { ...packet, signature: `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}` };
    const identity = await loadNodeIdentity(
      testConfig({ id: 'kr-knpa', trust: { anchors: NODES.map((id) => federation.anchor(id)) } }, federation.pkiDir),
      pino({ level: 'silent' }),
    );
    const cnpPeer = { id: 'kh-cnp', url: federation.peerUrl('kh-cnp') };
    const answer = await callPeer(identity, cnpPeer, 'POST', '/federation/v1/packets', forged, 5000);
    expect(answer.status).toBe(422);
    const reason = (answer.body as { receipt: { reason: string } }).receipt.reason;
    expect(await sql(cnp.databaseUrl, 'SELECT 1 FROM packet_rejection WHERE reason = $1', [reason])).toHaveLength(1);
    const rejected = await samples(cnp);
    expect(sampleValue(rejected, 'fednode_packet_rejections_total', { reason })).toBe(1);
    expect(sampleValue(rejected, 'fednode_packets_received_total', { partner: 'kr-knpa' })).toBe(1);

    // Watchlist sync lag: one new entry; kh-cnp takes the push, asean-hub cannot.
    const added = await knpa.graphql(
      `mutation { addWatchlistEntry(input: { identifierType: WALLET_EVM, value: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
         reason: "scam wallet", offenceCategory: ONLINE_SCAM, severity: HIGH, validUntil: "2030-01-01T00:00:00Z" }) { entryId } }`,
      {},
      analyst,
    );
    expect(added.errors).toBeUndefined();
    const synced = await eventually('the push to kh-cnp', async () => {
      const current = await samples(knpa, SCRAPE_TOKEN);
      return sampleValue(current, 'fednode_watchlist_sync_last_success_age_seconds', {
        peer: 'kh-cnp',
        direction: 'PUSH',
      }) !== undefined && sampleValue(current, 'fednode_watchlist_sync_lag_changes', { peer: 'kh-cnp' }) === 0
        ? current
        : undefined;
    });
    expect(sampleValue(synced, 'fednode_watchlist_sync_lag_changes', { peer: 'asean-hub' })).toBeGreaterThanOrEqual(1);
  });

  it('times screening and GraphQL requests in histograms', async () => {
    const before = await samples(knpa, SCRAPE_TOKEN);
    const screenings = sampleValue(before, 'fednode_screening_duration_seconds_count') ?? 0;
    const queries =
      sampleValue(before, 'fednode_graphql_request_duration_seconds_count', {
        operation_type: 'query',
        outcome: 'ok',
      }) ?? 0;
    const failed =
      sampleValue(before, 'fednode_graphql_request_duration_seconds_count', {
        operation_type: 'query',
        outcome: 'error',
      }) ?? 0;

    const screened = await knpa.graphql<{ screen: { hits: unknown[] }[] }>(
      'query ($ids: [IdentifierInput!]!) { screen(identifiers: $ids) { value hits { source } } }',
      {
        ids: [
          { type: 'WALLET_EVM', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' },
          { type: 'PHONE', value: '+85512345678' },
        ],
      },
      analyst,
    );
    expect(screened.errors).toBeUndefined();
    expect(screened.data!.screen[0].hits.length).toBeGreaterThan(0);
    expect((await knpa.graphql('{ screen(identifiers: []) { value } }')).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const after = await samples(knpa, SCRAPE_TOKEN);
    expect(sampleValue(after, 'fednode_screening_duration_seconds_count')).toBe(screenings + 1);
    expect(sampleValue(after, 'fednode_screening_duration_seconds_sum')).toBeGreaterThan(0);
    expect(sampleValue(after, 'fednode_screening_duration_seconds_bucket', { le: '+Inf' })).toBe(screenings + 1);
    expect(
      sampleValue(after, 'fednode_graphql_request_duration_seconds_count', { operation_type: 'query', outcome: 'ok' }),
    ).toBe(queries + 1);
    expect(
      sampleValue(after, 'fednode_graphql_request_duration_seconds_count', {
        operation_type: 'query',
        outcome: 'error',
      }),
    ).toBe(failed + 1);
  });
});
