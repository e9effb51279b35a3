import { request as httpsRequest } from 'node:https';
import pino from 'pino';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { serializePacket, type SealedPacket } from '../../src/envelope/packet-wire.js';
import { canonicalJsonChecked } from '../../src/kernel/crypto/canonical-json.js';
import { PeerEndpointServer } from '../../src/transport/peer-endpoint.server.js';
import { callPeer } from '../../src/transport/peer-client.js';
import { certificateFingerprint } from '../../src/watchlist/watchlist-certificate.js';
import { loadNodeIdentity } from '../../src/identity/node-identity.loader.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode, testConfig } from '../support/test-node.js';
import { eventually } from '../support/eventually.js';

const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub', 'kr-kcs'];
const TRUSTED = ['kr-knpa', 'kh-cnp', 'asean-hub'];

interface DeliveryRow {
  id: string;
  partnerId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  receipt: { receipt: { status: string; packetId: string; receiver: string } } | null;
}

/** Two nodes in one test process, each with its own database and its own mutual-TLS endpoint. */
describe('delivery over mutual TLS with signed receipts', () => {
  const federation = new TestFederation('delivery', NODES, { trusted: TRUSTED, fallback: 'dead-port' });
  let knpa: TestNode;
  let cnp: TestNode;
  const tokens: Record<string, string> = {};
  const fast = {
    federation: {
      host: '127.0.0.1',
      port: 0,
      deliveryDeadlineSeconds: 4,
      retryBaseSeconds: 0.3,
      maxRetryDelaySeconds: 1,
      requestTimeoutSeconds: 5,
    },
  };

  async function approvedShare(
    partner: string,
    overrides: Record<string, unknown> = {},
  ): Promise<{ shareId: string; packetId: string }> {
    const input = caseInput({ offenceCategories: ['ONLINE_SCAM'], ...overrides });
    const created = await knpa.graphql<{ createCase: { id: string } }>(CREATE_CASE, { input }, tokens.analyst);
    const requested = await knpa.graphql<{ requestShare: { id: string; status: string }[] }>(
      'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id status } }',
      { c: created.data!.createCase.id, p: [partner] },
      tokens.analyst,
    );
    const shareId = requested.data!.requestShare[0].id;
    const approved = await knpa.graphql<{ approveShare: { packetId: string } }>(
      'mutation ($id: ID!) { approveShare(id: $id) { packetId } }',
      { id: shareId },
      tokens.officer,
    );
    if (!approved.data) throw new Error(JSON.stringify(approved.errors));
    return { shareId, packetId: approved.data.approveShare.packetId };
  }

  function identityOf(id: string) {
    return loadNodeIdentity(
      testConfig({ id, trust: { anchors: TRUSTED.map((peer) => federation.anchor(peer)) } }, federation.pkiDir),
      pino({ level: 'silent' }),
    );
  }

  async function delivery(packetId: string): Promise<DeliveryRow | undefined> {
    const response = await knpa.graphql<{ deliveries: DeliveryRow[] }>(
      '{ deliveries { id partnerId status attempts lastError nextAttemptAt receipt } }',
      {},
      tokens.admin,
    );
    return response.data!.deliveries.find((d) => d.id === packetId);
  }

  async function shareStatus(shareId: string): Promise<{ status: string; lastError: string | null }> {
    const response = await knpa.graphql<{ shareRequest: { status: string; lastError: string | null } }>(
      'query ($id: ID!) { shareRequest(id: $id) { status lastError } }',
      { id: shareId },
      tokens.officer,
    );
    return response.data!.shareRequest;
  }

  beforeAll(async () => {
    [cnp, knpa] = await federation.start(
      {
        id: 'kh-cnp',
        database: 'delivery_cnp',
        config: { ...fast, policies: { file: 'config/policies/kh-cnp.yaml' } },
      },
      { id: 'kr-knpa', database: 'delivery_knpa', config: fast, linkTo: ['kh-cnp'] },
    );
    tokens.analyst = await knpa.officerToken('d-analyst', [Role.ANALYST]);
    tokens.officer = await knpa.officerToken('d-officer', [Role.LIAISON_OFFICER]);
    tokens.admin = await knpa.officerToken('d-admin', [Role.ADMIN]);
  });
  afterAll(() => federation.stop());

  it('delivers an approved share; the verified receipt turns it DELIVERED; a redelivery gets the same receipt and is stored once', async () => {
    const { shareId, packetId } = await approvedShare('kh-cnp');
    const delivered = await eventually('delivery', async () => {
      const row = await delivery(packetId);
      return row?.status === 'DELIVERED' ? row : undefined;
    });
    expect(delivered).toMatchObject({ partnerId: 'kh-cnp', attempts: 1, lastError: null });
    expect(delivered.receipt?.receipt).toMatchObject({ status: 'ACCEPTED', packetId, receiver: 'kh-cnp' });
    expect(await shareStatus(shareId)).toMatchObject({ status: 'DELIVERED' });
    expect(await sql(cnp.databaseUrl, 'SELECT 1 FROM received_packet WHERE packet_id = $1', [packetId])).toHaveLength(
      1,
    );

    const [{ packet, wire }] = await sql<{ packet: SealedPacket; wire: string }>(
      knpa.databaseUrl,
      'SELECT wire::jsonb AS packet, wire FROM outbound_packet WHERE packet_id = $1',
      [packetId],
    );
    // What is stored is what is sent: the canonical text (PROTOCOL.md §7), not a re-serialised jsonb.
    expect(wire).toBe(canonicalJsonChecked(packet));
    expect(wire).toBe(serializePacket(packet));
    const identity = await identityOf('kr-knpa');
    const cnpPeer = { id: 'kh-cnp', url: federation.peerUrl('kh-cnp') };
    const again = await callPeer(identity, cnpPeer, 'POST', '/federation/v1/packets', packet, 5000);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(delivered.receipt);
    expect(await sql(cnp.databaseUrl, 'SELECT 1 FROM received_packet WHERE packet_id = $1', [packetId])).toHaveLength(
      1,
    );
  });

  it('a packet the partner refuses gets a signed REJECTED receipt and the share FAILED with the reason', async () => {
    const admin = await cnp.officerToken('cnp-admin-d', [Role.ADMIN]);
    const current = await cnp.graphql<{ partnerPolicy: { outbound: unknown } }>(
      '{ partnerPolicy(partnerId: "kr-knpa") { outbound { offenceCategories purposes tlpCeiling dataCategories transforms { path transform } onwardSharing { allowed to } retentionDays approvalMode watchlistCategories } } }',
      {},
      admin,
    );
    await cnp.graphql(
      'mutation ($p: PartnerPolicyInput!) { setPartnerPolicy(partnerId: "kr-knpa", policy: $p) { version } }',
      {
        p: {
          outbound: current.data!.partnerPolicy.outbound,
          inbound: {
            offenceCategories: ['CYBERCRIME'],
            tlpCeiling: 'AMBER',
            maxRetentionDays: 30,
            acceptRelayed: false,
          },
        },
      },
      admin,
    );
    const { shareId, packetId } = await approvedShare('kh-cnp', { offenceCategories: ['DRUG_TRAFFICKING'] });
    const refused = await eventually('refusal', async () => {
      const row = await delivery(packetId);
      return row?.status === 'REJECTED' ? row : undefined;
    });
    expect(refused.receipt?.receipt).toMatchObject({ status: 'REJECTED', reason: 'REJECTED_BY_INBOUND_POLICY' });
    const share = await shareStatus(shareId);
    expect(share.status).toBe('FAILED');
    expect(share.lastError).toMatch(/refused by kh-cnp: REJECTED_BY_INBOUND_POLICY/);
  });

  it('retries an unreachable peer with growing delays, dead-letters it at the deadline, and an ADMIN can retry it', async () => {
    const { shareId, packetId } = await approvedShare('asean-hub', { tlp: 'GREEN' });
    const retrying = await eventually('a failed attempt', async () => {
      const row = await delivery(packetId);
      return row && row.attempts >= 2 && row.status === 'QUEUED' ? row : undefined;
    });
    expect(retrying.lastError).toMatch(/asean-hub at https:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(new Date(retrying.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() - 1000);
    const dead = await eventually('dead letter', async () => {
      const row = await delivery(packetId);
      return row?.status === 'DEAD' ? row : undefined;
    });
    expect(dead.attempts).toBeGreaterThanOrEqual(3);
    expect((await shareStatus(shareId)).status).toBe('FAILED');
    expect(
      (
        await knpa.graphql(
          'mutation ($id: ID!) { retryDelivery(id: $id) { status } }',
          { id: packetId },
          tokens.officer,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const retried = await knpa.graphql<{ retryDelivery: { status: string } }>(
      'mutation ($id: ID!) { retryDelivery(id: $id) { status } }',
      { id: packetId },
      tokens.admin,
    );
    expect(retried.data!.retryDelivery.status).toBe('QUEUED');
    expect((await shareStatus(shareId)).status).toMatch(/APPROVED|SENT/);
  });

  it('refuses, at the TLS layer, a client without a certificate and one whose CA is not trusted', async () => {
    const port = cnp.app().get(PeerEndpointServer).port();
    const bare = new Promise((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port, path: '/federation/v1/hello', rejectUnauthorized: false, agent: false },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    await expect(bare).rejects.toThrow(/certificate|alert|socket hang up|ECONNRESET/i);

    const untrusted = await identityOf('kr-kcs');
    await expect(
      callPeer(
        untrusted,
        { id: 'kh-cnp', url: `https://127.0.0.1:${port}` },
        'GET',
        '/federation/v1/hello',
        undefined,
        5000,
      ),
    ).rejects.toThrow(/certificate|alert|socket hang up|ECONNRESET/i);

    const trusted = await identityOf('kr-knpa');
    const hello = await callPeer(
      trusted,
      { id: 'kh-cnp', url: `https://127.0.0.1:${port}` },
      'GET',
      '/federation/v1/hello',
      undefined,
      5000,
    );
    expect(hello.body).toEqual({ node: 'kh-cnp', peer: 'kr-knpa', protocolVersions: [1, 2] });
    await expect(
      callPeer(
        trusted,
        { id: 'asean-hub', url: `https://127.0.0.1:${port}` },
        'GET',
        '/federation/v1/hello',
        undefined,
        5000,
      ),
    ).rejects.toThrow(/not of peer "asean-hub"/);
    const graphqlOverPeerPort = await callPeer(
      trusted,
      { id: 'kh-cnp', url: `https://127.0.0.1:${port}` },
      'POST',
      '/graphql',
      { query: '{ nodeInfo { id } }' },
      5000,
    );
    expect(graphqlOverPeerPort.status).toBe(404);
  });

  it('refuses a watchlist page whose certificate table does not resolve, naming the item; a compact page is ingested', async () => {
    const port = cnp.app().get(PeerEndpointServer).port();
    const trusted = await identityOf('kr-knpa');
    const peer = { id: 'kh-cnp', url: `https://127.0.0.1:${port}` };
    const knpaPem = trusted.certificatePem;
    const unresolved = await callPeer(
      trusted,
      peer,
      'POST',
      '/federation/v1/watchlist/entries',
      { items: [{ originCertificateRef: 'ab'.repeat(32) }], originCertificates: {} },
      5000,
    );
    expect(unresolved.status).toBe(400);
    expect(unresolved.body).toEqual({
      error: {
        code: 'BAD_USER_INPUT',
        message: `items[0].originCertificateRef "${'ab'.repeat(32)}" is not in originCertificates`,
      },
    });
    const lying = await callPeer(
      trusted,
      peer,
      'POST',
      '/federation/v1/watchlist/entries',
      { items: [], originCertificates: { ['cd'.repeat(32)]: knpaPem } },
      5000,
    );
    expect(lying.status).toBe(400);
    expect((lying.body as { error: { message: string } }).error.message).toMatch(/not that one$/);
    // A well-formed compact page reaches ingest, which checks each item (this one is not signed).
    const ref = certificateFingerprint(knpaPem);
    const item = {
      seq: '1',
      origin: 'kr-knpa',
      entry: { origin: 'kr-knpa' },
      signature: 'x',
      originCertificateRef: ref,
      onwardTo: [],
    };
    const page = await callPeer(
      trusted,
      peer,
      'POST',
      '/federation/v1/watchlist/entries',
      { items: [item], originCertificates: { [ref]: knpaPem } },
      5000,
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ rejected: 1, problems: [{ index: 0, reason: 'INVALID' }] });
  });
});
