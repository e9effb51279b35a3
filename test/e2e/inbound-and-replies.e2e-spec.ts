import { Role } from '../../src/kernel/vocabulary/role.js';
import { isPacketRejection } from '../../src/kernel/vocabulary/packet-rejection.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';
import { acceptPacket } from '../support/accept-packet.js';

const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'];

/** Two nodes in one process, packets carried by hand: the transport is the federation module's job. */
describe('inbound packets, provenance and threaded replies', () => {
  const federation = new TestFederation('inbound', NODES);
  let knpa: TestNode;
  let cnp: TestNode;
  const tokens: Record<string, string> = {};

  async function approvedPacket(node: TestNode, shareId: string, officer: string): Promise<SealedPacket> {
    const approved = await node.graphql<{ approveShare: { packetId: string } }>(
      'mutation ($id: ID!) { approveShare(id: $id) { packetId } }',
      { id: shareId },
      officer,
    );
    if (!approved.data) throw new Error(JSON.stringify(approved.errors));
    const [row] = await sql<{ packet: SealedPacket }>(
      node.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [approved.data.approveShare.packetId],
    );
    return row.packet;
  }

  beforeAll(async () => {
    [knpa, cnp] = await federation.start(
      { id: 'kr-knpa', database: 'inbound_knpa' },
      { id: 'kh-cnp', database: 'inbound_cnp', config: { policies: { file: 'config/policies/kh-cnp.yaml' } } },
    );
    tokens.knpaAnalyst = await knpa.officerToken('knpa-analyst', [Role.ANALYST]);
    tokens.knpaOfficer = await knpa.officerToken('knpa-officer', [Role.LIAISON_OFFICER]);
    tokens.cnpAnalyst = await cnp.officerToken('cnp-analyst', [Role.ANALYST]);
    tokens.cnpOfficer = await cnp.officerToken('cnp-officer', [Role.LIAISON_OFFICER]);
  });
  afterAll(() => federation.stop());

  it('stores an approved case at the partner with its provenance; it cannot be edited; a freeze request is answered through approval and threaded back', async () => {
    const created = await knpa.graphql<{ createCase: { id: string; reference: string } }>(
      CREATE_CASE,
      { input: caseInput({ offenceCategories: ['ONLINE_SCAM'] }) },
      tokens.knpaAnalyst,
    );
    const caseId = created.data!.createCase.id;
    const shares = await knpa.graphql<{ requestShare: { id: string }[] }>(
      'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: ASSET_FREEZE) { id } }',
      { c: caseId },
      tokens.knpaAnalyst,
    );
    const packet = await approvedPacket(knpa, shares.data!.requestShare[0].id, tokens.knpaOfficer);

    const stored = await acceptPacket(cnp.app(), packet);
    const again = await acceptPacket(cnp.app(), packet).catch((error: unknown) => error);
    expect(isPacketRejection(again) && again.reason).toBe('REPLAY');

    const listed = await cnp.graphql<{ inboundPackets: Record<string, unknown>[] }>(
      '{ inboundPackets { id packetId type originNode deliveredBy signatureVerified policyVersion caseReference tlp retentionUntil content } }',
      {},
      tokens.cnpAnalyst,
    );
    const [received] = listed.data!.inboundPackets;
    expect(received).toMatchObject({
      id: stored.id,
      packetId: packet.header.packetId,
      type: 'case',
      originNode: 'kr-knpa',
      deliveredBy: 'kr-knpa',
      signatureVerified: true,
      policyVersion: 'kr-knpa/kh-cnp/v1',
      caseReference: created.data!.createCase.reference,
      tlp: 'AMBER',
    });
    const retentionDays = (new Date(received.retentionUntil as string).getTime() - Date.now()) / 86_400_000;
    expect(retentionDays).toBeGreaterThan(364);
    expect(retentionDays).toBeLessThanOrEqual(365);
    const content = received.content as { subjects: { dateOfBirth: string }[]; requests: { kind: string }[] };
    expect(content.subjects[0].dateOfBirth).toBe('1988');
    expect(content.requests[0].kind).toBe('FREEZE_REQUEST');
    await expect(
      sql(cnp.databaseUrl, "UPDATE received_packet SET title = 'edited' WHERE id = $1", [stored.id]),
    ).rejects.toThrow(/cannot be changed/);
    expect(
      (await cnp.graphql('{ inboundPackets { id } }', {}, await cnp.officerToken('cnp-auditor', [Role.AUDITOR])))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const reply = await cnp.graphql<{
      replyToPacket: { id: string; status: string; kind: string; inReplyTo: string; preview: { text: string } };
    }>(
      'mutation ($p: String!, $t: String!) { replyToPacket(packetId: $p, text: $t) { id status kind inReplyTo preview } }',
      { p: packet.header.packetId, t: 'Wallet frozen at two Phnom Penh exchanges; 1.25 BTC held.' },
      tokens.cnpAnalyst,
    );
    expect(reply.data!.replyToPacket).toMatchObject({
      status: 'PENDING_APPROVAL',
      kind: 'REPLY',
      inReplyTo: packet.header.packetId,
    });
    const replyPacket = await approvedPacket(cnp, reply.data!.replyToPacket.id, tokens.cnpOfficer);
    expect(replyPacket.header).toMatchObject({
      type: 'reply',
      from: 'kh-cnp',
      to: ['kr-knpa'],
      inReplyTo: packet.header.packetId,
    });

    await acceptPacket(knpa.app(), replyPacket);
    const thread = await knpa.graphql<{
      caseReplies: { type: string; originNode: string; content: { text: string } }[];
    }>('query ($c: ID!) { caseReplies(caseId: $c) { type originNode content } }', { c: caseId }, tokens.knpaAnalyst);
    expect(thread.data!.caseReplies).toEqual([
      {
        type: 'reply',
        originNode: 'kh-cnp',
        content: expect.objectContaining({ text: 'Wallet frozen at two Phnom Penh exchanges; 1.25 BTC held.' }),
      },
    ]);
  });

  it('refuses a case the inbound policy does not accept, recording the reason, and stores nothing', async () => {
    // kh-cnp accepts nothing above AMBER from kr-knpa; kr-knpa's policy for kh-cnp would never send one, so
    // this node's inbound policy is tightened instead: only DRUG_TRAFFICKING from kr-knpa.
    const admin = await cnp.officerToken('cnp-admin', [Role.ADMIN]);
    const inbound = {
      offenceCategories: ['DRUG_TRAFFICKING'],
      tlpCeiling: 'AMBER',
      maxRetentionDays: 365,
      acceptRelayed: false,
    };
    const current = await cnp.graphql<{ partnerPolicy: { outbound: unknown } }>(
      '{ partnerPolicy(partnerId: "kr-knpa") { outbound { offenceCategories purposes tlpCeiling dataCategories transforms { path transform } onwardSharing { allowed to } retentionDays approvalMode watchlistCategories } } }',
      {},
      admin,
    );
    const changed = await cnp.graphql(
      'mutation ($p: PartnerPolicyInput!) { setPartnerPolicy(partnerId: "kr-knpa", policy: $p) { version } }',
      { p: { outbound: current.data!.partnerPolicy.outbound, inbound } },
      admin,
    );
    expect(changed.errors).toBeUndefined();

    const created = await knpa.graphql<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput({ offenceCategories: ['ONLINE_SCAM'] }) },
      tokens.knpaAnalyst,
    );
    const shares = await knpa.graphql<{ requestShare: { id: string }[] }>(
      'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: INVESTIGATION) { id } }',
      { c: created.data!.createCase.id },
      tokens.knpaAnalyst,
    );
    const packet = await approvedPacket(knpa, shares.data!.requestShare[0].id, tokens.knpaOfficer);
    const refused = await acceptPacket(cnp.app(), packet).catch((error: unknown) => error);
    expect(isPacketRejection(refused) && refused.reason).toBe('REJECTED_BY_INBOUND_POLICY');
    const rows = await sql<{ reason: string; detail: string }>(
      cnp.databaseUrl,
      'SELECT reason, detail FROM packet_rejection WHERE packet_id = $1',
      [packet.header.packetId],
    );
    expect(rows[0].reason).toBe('REJECTED_BY_INBOUND_POLICY');
    expect(rows[0].detail).toMatch(/ONLINE_SCAM/);
    expect(
      await sql(cnp.databaseUrl, 'SELECT 1 FROM received_packet WHERE packet_id = $1', [packet.header.packetId]),
    ).toHaveLength(0);
    expect(
      await sql(cnp.databaseUrl, 'SELECT 1 FROM accepted_packet_id WHERE packet_id = $1', [packet.header.packetId]),
    ).toHaveLength(0);
  });
});
