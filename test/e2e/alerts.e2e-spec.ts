import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AlertFeedService } from '../../src/alerts/alert-feed.service.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { isPacketRejection } from '../../src/kernel/vocabulary/packet-rejection.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { WatchlistService } from '../../src/watchlist/watchlist.service.js';
import { CREATE_CASE, UPDATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';
import { acceptPacket } from '../support/accept-packet.js';
import { eventually } from '../support/eventually.js';

const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'];
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const FIELDS =
  'id kind identifierType value caseId caseReference sources { origin kind ref } status raisedAt acknowledgedBy acknowledgedAt';

interface AlertView {
  id: string;
  kind: string;
  identifierType: string;
  value: string;
  caseId: string | null;
  caseReference: string | null;
  sources: { origin: string; kind: string; ref: string }[];
  status: string;
  acknowledgedBy: string | null;
}

/** A graphql-ws subscriber over a real socket, recording what it receives and how it ends. */
interface Subscriber {
  received: AlertView[];
  errors: unknown[];
  closeCodes: number[];
  client: Client;
}

describe('correlation alerts, raised once and delivered live over graphql-ws', () => {
  const federation = new TestFederation('alerts', NODES);
  let knpa: TestNode;
  let cnp: TestNode;
  let hub: TestNode;
  const tokens: Record<string, string> = {};
  const subscribers: Subscriber[] = [];

  function subscribe(node: TestNode, authorization?: string): Subscriber {
    const subscriber: Subscriber = { received: [], errors: [], closeCodes: [], client: undefined as unknown as Client };
    subscriber.client = createClient({
      url: `${node.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: authorization ? { authorization } : {},
      on: { closed: (event) => subscriber.closeCodes.push((event as { code: number }).code) },
    });
    subscriber.client.subscribe<{ alertRaised: AlertView }>(
      { query: `subscription { alertRaised { ${FIELDS} } }` },
      {
        next: (message) => {
          if (message.data) subscriber.received.push(message.data.alertRaised);
          if (message.errors) subscriber.errors.push(...message.errors);
        },
        error: (error) => subscriber.errors.push(error),
        complete: () => undefined,
      },
    );
    subscribers.push(subscriber);
    return subscriber;
  }

  async function approvedPacket(caseOverrides: Record<string, unknown>): Promise<SealedPacket> {
    const created = await knpa.graphql<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput(caseOverrides) },
      tokens.knpaAnalyst,
    );
    const shares = await knpa.graphql<{ requestShare: { id: string }[] }>(
      'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: INVESTIGATION) { id } }',
      { c: created.data!.createCase.id },
      tokens.knpaAnalyst,
    );
    const approved = await knpa.graphql<{ approveShare: { packetId: string } }>(
      'mutation ($id: ID!) { approveShare(id: $id) { packetId } }',
      { id: shares.data!.requestShare[0].id },
      tokens.knpaOfficer,
    );
    if (!approved.data) throw new Error(JSON.stringify(approved.errors));
    const [row] = await sql<{ packet: SealedPacket }>(
      knpa.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [approved.data.approveShare.packetId],
    );
    return row.packet;
  }

  async function alerts(status?: string): Promise<AlertView[]> {
    const response = await cnp.graphql<{ alerts: AlertView[] }>(
      `query ($s: AlertStatus) { alerts(status: $s) { ${FIELDS} } }`,
      status ? { s: status } : {},
      tokens.cnpAnalyst,
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.alerts;
  }

  beforeAll(async () => {
    [knpa, cnp, hub] = await federation.startTogether(
      { id: 'kr-knpa', database: 'alerts_knpa' },
      { id: 'kh-cnp', database: 'alerts_cnp', config: { policies: { file: 'config/policies/kh-cnp.yaml' } } },
      { id: 'asean-hub', database: 'alerts_hub' },
    );
    tokens.knpaAnalyst = await knpa.officerToken('knpa-analyst', [Role.ANALYST]);
    tokens.knpaOfficer = await knpa.officerToken('knpa-officer', [Role.LIAISON_OFFICER]);
    tokens.hubAnalyst = await hub.officerToken('hub-analyst', [Role.ANALYST]);
    tokens.cnpAnalyst = await cnp.officerToken('cnp-analyst', [Role.ANALYST]);
    tokens.cnpAuditor = await cnp.officerToken('cnp-auditor', [Role.AUDITOR]);
  });
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.client.dispose()));
    await federation.stop();
  });

  it('raises one alert when a partner packet names a wallet of a local case, live to analysts only; replays and repeats raise nothing', async () => {
    // A local case at kh-cnp holding wallet W only.
    const local = await cnp.graphql<{ createCase: { id: string; reference: string } }>(
      CREATE_CASE,
      {
        input: caseInput({
          reference: 'CNP-2026-0007',
          identifiers: [{ id: 'w1', type: 'WALLET_BTC', value: WALLET }],
        }),
      },
      tokens.cnpAnalyst,
    );
    expect(local.errors).toBeUndefined();
    const caseId = local.data!.createCase.id;

    const analyst = subscribe(cnp, `Bearer ${tokens.cnpAnalyst}`);
    const anonymous = subscribe(cnp);
    const forged = subscribe(cnp, 'Bearer not.a.valid-token');
    const auditor = subscribe(cnp, `Bearer ${tokens.cnpAuditor}`);
    await eventually('the analyst subscription', () => cnp.app().get(AlertFeedService).subscriberCount === 1);
    await eventually('refused sockets to close', () => anonymous.closeCodes.length > 0 && forged.closeCodes.length > 0);
    expect(anonymous.closeCodes).toEqual([4403]);
    expect(forged.closeCodes).toEqual([4403]);
    await eventually('the auditor subscription to be refused', () => auditor.errors.length > 0);
    expect(JSON.stringify(auditor.errors)).toMatch(/ANALYST/);

    const first = await approvedPacket({});
    await acceptPacket(cnp.app(), first);
    await eventually('the live alert', () => analyst.received.length > 0);
    const [raised] = await alerts();
    expect(await alerts()).toHaveLength(1);
    expect(raised).toMatchObject({
      kind: 'PARTNER_DATA_MATCHES_LOCAL_CASE',
      identifierType: 'WALLET_BTC',
      value: WALLET,
      caseId,
      caseReference: 'CNP-2026-0007',
      sources: [{ origin: 'kr-knpa', kind: 'PACKET', ref: first.header.packetId }],
      status: 'OPEN',
    });
    expect(analyst.received).toEqual([raised]);

    // Another packet from the same origin naming W for the same case: same key, no new alert.
    await acceptPacket(cnp.app(), await approvedPacket({}));
    // A replay is refused and stores nothing, so raises nothing.
    const replay = await acceptPacket(cnp.app(), first).catch((error: unknown) => error);
    expect(isPacketRejection(replay) && replay.reason).toBe('REPLAY');
    expect((await alerts()).map((a) => a.id)).toEqual([raised.id]);

    const acknowledged = await cnp.graphql<{ acknowledgeAlert: AlertView }>(
      `mutation ($id: ID!) { acknowledgeAlert(id: $id) { ${FIELDS} } }`,
      { id: raised.id },
      tokens.cnpAnalyst,
    );
    expect(acknowledged.data!.acknowledgeAlert).toMatchObject({
      id: raised.id,
      status: 'ACKNOWLEDGED',
      acknowledgedBy: 'cnp-analyst',
    });
    expect(await alerts('OPEN')).toEqual([]);
    expect((await alerts('ACKNOWLEDGED')).map((a) => a.id)).toEqual([raised.id]);
    const byAuditor = await cnp.graphql(
      `mutation ($id: ID!) { acknowledgeAlert(id: $id) { id } }`,
      { id: raised.id },
      tokens.cnpAuditor,
    );
    expect(byAuditor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const missing = await cnp.graphql(
      `mutation { acknowledgeAlert(id: "01970000-0000-7000-8000-0000000000ff") { id } }`,
      {},
      tokens.cnpAnalyst,
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect(analyst.received).toHaveLength(1);
    expect(auditor.received).toEqual([]);
    expect(anonymous.received).toEqual([]);
    expect(forged.received).toEqual([]);
  });

  it('raises one CROSS_PARTNER_MATCH when two partner origins name the same identifier, and delivers alerts raised by another process', async () => {
    const analyst = subscribe(cnp, `Bearer ${tokens.cnpAnalyst}`);
    await eventually('the second analyst subscription', () => cnp.app().get(AlertFeedService).subscriberCount === 2);
    const entry = {
      identifierType: 'TELEGRAM',
      value: '@cross_partner_mule',
      reason: 'Money mule recruiter',
      offenceCategory: 'ONLINE_SCAM',
      severity: 'HIGH',
      validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    };
    const add = 'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }';
    const knpaEntry = await knpa.graphql<{ addWatchlistEntry: { entryId: string } }>(
      add,
      { input: entry },
      tokens.knpaAnalyst,
    );
    const hubEntry = await hub.graphql<{ addWatchlistEntry: { entryId: string } }>(
      add,
      { input: entry },
      tokens.hubAnalyst,
    );
    expect(knpaEntry.errors ?? hubEntry.errors).toBeUndefined();

    const fromKnpa = (await knpa.app().get(WatchlistService).changesFor('kh-cnp', '0', 100)).items;
    const fromHub = (await hub.app().get(WatchlistService).changesFor('kh-cnp', '0', 100)).items;
    expect(await cnp.app().get(WatchlistService).ingest(fromKnpa, 'kr-knpa')).toMatchObject({ inserted: 1 });
    expect(await cnp.app().get(WatchlistService).ingest(fromHub, 'asean-hub')).toMatchObject({ inserted: 1 });
    // Redelivery of both feeds changes nothing.
    await cnp.app().get(WatchlistService).ingest(fromKnpa, 'kr-knpa');
    await cnp.app().get(WatchlistService).ingest(fromHub, 'asean-hub');

    const cross = (await alerts()).filter((a) => a.kind === 'CROSS_PARTNER_MATCH');
    expect(cross).toHaveLength(1);
    expect(cross[0]).toMatchObject({ identifierType: 'TELEGRAM', value: '@cross_partner_mule', caseId: null });
    expect(cross[0].sources.map((s) => `${s.origin}/${s.kind}/${s.ref}`).sort()).toEqual(
      [
        `asean-hub/WATCHLIST_ENTRY/${hubEntry.data!.addWatchlistEntry.entryId}`,
        `kr-knpa/WATCHLIST_ENTRY/${knpaEntry.data!.addWatchlistEntry.entryId}`,
      ].sort(),
    );
    await eventually('the live cross-partner alert', () => analyst.received.some((a) => a.id === cross[0].id));

    // Another replica raising an alert: a separate connection inserts and notifies; this process delivers it.
    const [other] = await sql<{ id: string }>(
      cnp.databaseUrl,
      `WITH ins AS (INSERT INTO alert (kind, identifier_type, value, subject, sources, status, raised_at)
         VALUES ('CROSS_PARTNER_MATCH', 'TELEGRAM', '@other_replica', 'asean-hub kr-knpa', '[]', 'OPEN', now()) RETURNING id)
       SELECT id, pg_notify('alert_raised', id::text) FROM ins`,
    );
    await eventually('the alert raised elsewhere', () => analyst.received.some((a) => a.id === other.id));
    expect(analyst.received.filter((a) => a.kind === 'CROSS_PARTNER_MATCH').map((a) => a.id)).toEqual([
      cross[0].id,
      other.id,
    ]);
  });

  it('raises one alert when an analyst puts into a local case an identifier partners already sent, naming every partner source', async () => {
    const analyst = subscribe(cnp, `Bearer ${tokens.cnpAnalyst}`);
    await eventually('the third analyst subscription', () => cnp.app().get(AlertFeedService).subscriberCount === 3);
    const before = (await alerts()).length;
    const input = caseInput({
      reference: 'CNP-2026-0042',
      identifiers: [
        { id: 't1', type: 'TELEGRAM', value: '@cross_partner_mule' },
        { id: 't2', type: 'TELEGRAM', value: '@nobody_sent_this' },
      ],
      requests: [],
    });
    const created = await cnp.graphql<{ createCase: { id: string; revision: number } }>(
      CREATE_CASE,
      { input },
      tokens.cnpAnalyst,
    );
    expect(created.errors).toBeUndefined();
    const caseId = created.data!.createCase.id;

    const local = (await alerts()).filter((a) => a.kind === 'PARTNER_DATA_MATCHES_LOCAL_CASE' && a.caseId === caseId);
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({
      identifierType: 'TELEGRAM',
      value: '@cross_partner_mule',
      caseReference: 'CNP-2026-0042',
      status: 'OPEN',
    });
    expect(local[0].sources.map((s) => `${s.origin}/${s.kind}`)).toEqual([
      'asean-hub/WATCHLIST_ENTRY',
      'kr-knpa/WATCHLIST_ENTRY',
    ]);
    await eventually('the live local-case alert', () => analyst.received.some((a) => a.id === local[0].id));

    // Editing the case keeps the identifier: the key is already raised, nothing new.
    const edited = await cnp.graphql(
      UPDATE_CASE,
      { id: caseId, input: { ...input, title: 'Mule recruiter, second look' }, rev: 1 },
      tokens.cnpAnalyst,
    );
    expect(edited.errors).toBeUndefined();
    expect((await alerts()).length).toBe(before + 1);
    // The node's own watchlist never raises an alert against its own cases.
    const own = await cnp.graphql(
      'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }',
      {
        input: {
          identifierType: 'TELEGRAM',
          value: '@cnp_only_handle',
          reason: 'Local lead',
          offenceCategory: 'ONLINE_SCAM',
          severity: 'LOW',
          validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      tokens.cnpAnalyst,
    );
    expect(own.errors).toBeUndefined();
    const second = await cnp.graphql(
      CREATE_CASE,
      {
        input: caseInput({
          reference: 'CNP-2026-0043',
          identifiers: [{ id: 't1', type: 'TELEGRAM', value: '@cnp_only_handle' }],
          requests: [],
        }),
      },
      tokens.cnpAnalyst,
    );
    expect(second.errors).toBeUndefined();
    expect((await alerts()).length).toBe(before + 1);
  });
});
