import { Role } from '../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { eventually, FederationHarness } from './support/federation-harness.js';

const SHARE =
  'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id status } }';
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { packetId status } }';

/** Three node processes (kr-knpa, kh-cnp, asean-hub), each with its own database, over mutual TLS on loopback. */
describe('federation of node processes: case shares', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp', 'asean-hub']);
  const tokens: Record<string, string> = {};

  async function approvedShares(count: number, partner = 'kh-cnp'): Promise<{ shareId: string; packetId: string }[]> {
    const shares: { shareId: string; packetId: string }[] = [];
    for (let i = 0; i < count; i += 1) {
      const created = await federation.graphql<{ createCase: { id: string } }>(
        'kr-knpa',
        CREATE_CASE,
        { input: caseInput({ offenceCategories: ['ONLINE_SCAM'] }) },
        tokens.analyst,
      );
      const requested = await federation.graphql<{ requestShare: { id: string }[] }>(
        'kr-knpa',
        SHARE,
        { c: created.data!.createCase.id, p: [partner] },
        tokens.analyst,
      );
      const approved = await federation.graphql<{ approveShare: { packetId: string } }>(
        'kr-knpa',
        APPROVE,
        { id: requested.data!.requestShare[0].id },
        tokens.officer,
      );
      if (!approved.data) throw new Error(JSON.stringify(approved.errors));
      shares.push({ shareId: requested.data!.requestShare[0].id, packetId: approved.data.approveShare.packetId });
    }
    return shares;
  }

  async function counts(packetIds: string[]) {
    const [{ delivered }] = await federation.sql<{ delivered: number }>(
      'kr-knpa',
      `SELECT count(*)::int AS delivered FROM share_request WHERE packet_id = ANY($1) AND status = 'DELIVERED'`,
      [packetIds],
    );
    const [{ received, distinct }] = await federation.sql<{ received: number; distinct: number }>(
      'kh-cnp',
      'SELECT count(*)::int AS received, count(DISTINCT packet_id)::int AS distinct FROM received_packet WHERE packet_id = ANY($1)',
      [packetIds],
    );
    const [{ receipts }] = await federation.sql<{ receipts: number }>(
      'kh-cnp',
      'SELECT count(*)::int AS receipts FROM issued_receipt WHERE packet_id = ANY($1)',
      [packetIds],
    );
    const [{ attempts }] = await federation.sql<{ attempts: number }>(
      'kr-knpa',
      'SELECT coalesce(sum(attempts), 0)::int AS attempts FROM delivery WHERE packet_id = ANY($1)',
      [packetIds],
    );
    return {
      sent: packetIds.length,
      delivered,
      received,
      receipts,
      attempts,
      lost: packetIds.length - distinct,
      duplicated: received - distinct,
    };
  }

  beforeAll(async () => {
    await federation.prepare();
    await federation.startAll();
    tokens.analyst = await federation.token('kr-knpa', 'fed-analyst', [Role.ANALYST]);
    tokens.officer = await federation.token('kr-knpa', 'fed-officer', [Role.LIAISON_OFFICER]);
    tokens.cnpAnalyst = await federation.token('kh-cnp', 'cnp-reader', [Role.ANALYST]);
  }, 180_000);
  afterAll(() => federation.stopAll());

  it('a case approved on kr-knpa arrives at kh-cnp, and the receipt turns the share DELIVERED', async () => {
    const [{ shareId, packetId }] = await approvedShares(1);
    await eventually(
      'DELIVERED',
      async () => {
        const response = await federation.graphql<{ shareRequest: { status: string } }>(
          'kr-knpa',
          'query ($id: ID!) { shareRequest(id: $id) { status } }',
          { id: shareId },
          tokens.officer,
        );
        return response.data?.shareRequest.status === 'DELIVERED' ? true : undefined;
      },
      30_000,
      () => federation.logs(),
    );
    const inbound = await federation.graphql<{
      inboundPackets: { packetId: string; originNode: string; signatureVerified: boolean }[];
    }>('kh-cnp', '{ inboundPackets { packetId originNode signatureVerified } }', {}, tokens.cnpAnalyst);
    expect(inbound.data!.inboundPackets).toContainEqual({ packetId, originNode: 'kr-knpa', signatureVerified: true });
    // Both sides have it on their audit trail: the sender the signed receipt, the receiver the packet.
    expect(
      await federation.sql(
        'kr-knpa',
        `SELECT type, actor FROM audit_entry WHERE subject_id = $1 AND type IN ('SHARE_SENT', 'SHARE_DELIVERED') ORDER BY seq`,
        [shareId],
      ),
    ).toEqual([
      { type: 'SHARE_SENT', actor: null },
      { type: 'SHARE_DELIVERED', actor: 'kh-cnp' },
    ]);
    expect(
      await federation.sql(
        'kh-cnp',
        `SELECT actor FROM audit_entry WHERE type = 'PACKET_RECEIVED' AND subject_id = $1`,
        [packetId],
      ),
    ).toEqual([{ actor: 'kr-knpa' }]);
  });

  it('kh-cnp killed with SIGKILL during a stream of deliveries and restarted: nothing lost, nothing duplicated', async () => {
    const shares = await approvedShares(12);
    await new Promise((r) => setTimeout(r, 300));
    await federation.slot('kh-cnp').processes[0].stop('SIGKILL');
    const more = await approvedShares(8);
    await federation.start('kh-cnp');
    const packetIds = [...shares, ...more].map((s) => s.packetId);
    const final = await eventually(
      'all 20 delivered',
      async () => {
        const c = await counts(packetIds);
        return c.delivered === packetIds.length ? c : undefined;
      },
      60_000,
      () => federation.logs(),
    );
    process.stdout.write(`receiver SIGKILL: ${JSON.stringify(final)}\n`);
    expect(final).toMatchObject({ sent: 20, delivered: 20, received: 20, receipts: 20, lost: 0, duplicated: 0 });
  });

  it('kr-knpa killed with SIGKILL mid-delivery and restarted delivers everything it approved, once', async () => {
    const shares = await approvedShares(10);
    await federation.slot('kr-knpa').processes[0].stop('SIGKILL');
    await federation.start('kr-knpa');
    const packetIds = shares.map((s) => s.packetId);
    const final = await eventually(
      'all 10 delivered',
      async () => {
        const c = await counts(packetIds);
        return c.delivered === packetIds.length ? c : undefined;
      },
      60_000,
      () => federation.logs(),
    );
    process.stdout.write(`sender SIGKILL: ${JSON.stringify(final)}\n`);
    expect(final).toMatchObject({ sent: 10, delivered: 10, received: 10, receipts: 10, lost: 0, duplicated: 0 });
  });

  it('two replicas of kr-knpa on one database deliver each queued packet exactly once', async () => {
    await federation.start('kr-knpa');
    const shares = await approvedShares(16);
    const packetIds = shares.map((s) => s.packetId);
    const final = await eventually(
      'all 16 delivered',
      async () => {
        const c = await counts(packetIds);
        return c.delivered === packetIds.length ? c : undefined;
      },
      60_000,
      () => federation.logs(),
    );
    process.stdout.write(`two replicas: ${JSON.stringify(final)}\n`);
    expect(final).toMatchObject({
      sent: 16,
      delivered: 16,
      received: 16,
      receipts: 16,
      attempts: 16,
      lost: 0,
      duplicated: 0,
    });
    const replicaLogs = federation
      .slot('kr-knpa')
      .processes.filter((p) => p.running())
      .map((p) => p.logEntries().filter((e) => e.event === 'delivery.delivered').length);
    expect(replicaLogs).toHaveLength(2);
    expect(replicaLogs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(16);
    // Both replicas appended to one audit chain: one line, each delivery recorded once.
    const [{ delivered }] = await federation.sql<{ delivered: number }>(
      'kr-knpa',
      `SELECT count(*)::int AS delivered FROM audit_entry e JOIN share_request s ON s.id::text = e.subject_id WHERE e.type = 'SHARE_DELIVERED' AND s.packet_id = ANY($1)`,
      [packetIds],
    );
    expect(delivered).toBe(16);
    const links = await federation.sql<{ position: string; prev_hash: string; previous: string | null }>(
      'kr-knpa',
      'SELECT seq::text AS position, prev_hash, lag(hash) OVER (ORDER BY seq) AS previous FROM audit_entry ORDER BY audit_entry.seq',
    );
    expect(links.map((l) => Number(l.position))).toEqual(links.map((_, i) => i + 1));
    expect(links.slice(1).filter((l) => l.prev_hash !== l.previous)).toEqual([]);
  });
});
