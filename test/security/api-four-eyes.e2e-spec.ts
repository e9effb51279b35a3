import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { acceptPacket } from '../support/accept-packet.js';
import { CREATE_CASE, UPDATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';
import { auditTrail } from './support/api-audit.js';

const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'];
const SHARE = 'id status requestedBy packetId policyReasons preview removed { path rule }';
const REQUEST = `mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: INVESTIGATION) { ${SHARE} } }`;
const REFRESH = `mutation ($id: ID!) { refreshSharePreview(id: $id) { ${SHARE} } }`;
const APPROVE = `mutation ($id: ID!) { approveShare(id: $id) { ${SHARE} } }`;
const REPLY = `mutation ($p: String!, $t: String!) { replyToPacket(packetId: $p, text: $t) { ${SHARE} } }`;

interface Share {
  id: string;
  status: string;
  requestedBy: string;
  packetId: string | null;
  policyReasons: string[];
  preview: { text?: string; offenceCategories?: string[] } | null;
  removed: { path: string; rule: string }[];
}

// Issue #14 items 2 and 6. Before: an officer holding ANALYST and LIAISON_OFFICER edited a case after
// a colleague requested its share, refreshed the preview and approved it, so one person wrote and
// released the content; and a reply naming a refused category and holding a passport number went to
// approval unredacted.
describe('four eyes, really: whoever approves wrote none of what leaves, for shares and replies', () => {
  const federation = new TestFederation('sec-four-eyes', NODES);
  let knpa: TestNode;
  let cnp: TestNode;
  const t: Record<string, string> = {};

  async function ok<T>(node: TestNode, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const answer = await node.graphql<T>(query, variables, token);
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  }

  /** A colleague's case with a pending share to kh-cnp. */
  async function requestedShare(): Promise<{ caseId: string; input: Record<string, unknown>; share: Share }> {
    const input = caseInput({ offenceCategories: ['ONLINE_SCAM'] });
    const { createCase } = await ok<{ createCase: { id: string } }>(knpa, CREATE_CASE, { input }, t.colleague);
    const { requestShare } = await ok<{ requestShare: Share[] }>(knpa, REQUEST, { c: createCase.id }, t.colleague);
    expect(requestShare[0].status).toBe('PENDING_APPROVAL');
    return { caseId: createCase.id, input, share: requestShare[0] };
  }

  async function statusOf(id: string): Promise<Share> {
    return (
      await ok<{ shareRequest: Share }>(
        knpa,
        `query ($id: ID!) { shareRequest(id: $id) { ${SHARE} } }`,
        { id },
        t.liaison,
      )
    ).shareRequest;
  }

  /** kh-cnp shares a case with kr-knpa; kr-knpa takes the sealed packet in. Returns its packet id. */
  async function packetFromCnp(offenceCategories: string[]): Promise<string> {
    const { createCase } = await ok<{ createCase: { id: string } }>(
      cnp,
      CREATE_CASE,
      { input: caseInput({ offenceCategories }) },
      t.cnpAnalyst,
    );
    const { requestShare } = await ok<{ requestShare: Share[] }>(
      cnp,
      'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kr-knpa"], purpose: INVESTIGATION) { id } }',
      { c: createCase.id },
      t.cnpAnalyst,
    );
    const { approveShare } = await ok<{ approveShare: Share }>(cnp, APPROVE, { id: requestShare[0].id }, t.cnpOfficer);
    const [row] = await sql<{ packet: SealedPacket }>(
      cnp.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [approveShare.packetId],
    );
    return (await acceptPacket(knpa.app(), row.packet)).packetId;
  }

  beforeAll(async () => {
    [knpa, cnp] = await federation.start(
      { id: 'kr-knpa', database: 'sec_4eyes_knpa' },
      { id: 'kh-cnp', database: 'sec_4eyes_cnp', config: { policies: { file: 'config/policies/kh-cnp.yaml' } } },
    );
    t.colleague = await knpa.officerToken('analyst-lee', [Role.ANALYST]);
    t.dual = await knpa.officerToken('dual-park', [Role.ANALYST, Role.LIAISON_OFFICER]);
    t.liaison = await knpa.officerToken('liaison-kang', [Role.LIAISON_OFFICER]);
    t.liaison2 = await knpa.officerToken('liaison-seo', [Role.LIAISON_OFFICER]);
    t.auditor = await knpa.officerToken('auditor-min', [Role.AUDITOR]);
    t.cnpAnalyst = await cnp.officerToken('cnp-analyst', [Role.ANALYST]);
    t.cnpOfficer = await cnp.officerToken('cnp-officer', [Role.LIAISON_OFFICER]);
  });
  afterAll(() => federation.stop());

  it('refuses an officer with both roles who edited a colleague’s requested case, refreshed and approved it: nothing is sealed', async () => {
    const { caseId, input, share } = await requestedShare();
    const edited = { ...input, summary: 'Added by the approver: the compound also runs a second site.' };
    expect((await knpa.graphql(UPDATE_CASE, { id: caseId, input: edited }, t.dual)).errors).toBeUndefined();
    const refreshed = await ok<{ refreshSharePreview: Share }>(knpa, REFRESH, { id: share.id }, t.dual);

    const approval = await knpa.graphql<{ approveShare: Share }>(APPROVE, { id: share.id }, t.dual);
    expect(approval.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refreshed.refreshSharePreview.requestedBy).toBe('dual-park');
    expect((await statusOf(share.id)).status).toBe('PENDING_APPROVAL');
    const sealed = await sql(knpa.databaseUrl, 'SELECT 1 FROM outbound_packet WHERE share_request_id = $1', [share.id]);
    expect(sealed).toHaveLength(0);
    // An officer who wrote none of it can release it.
    expect((await ok<{ approveShare: Share }>(knpa, APPROVE, { id: share.id }, t.liaison)).approveShare.status).toBe(
      'APPROVED',
    );
  });

  it('refuses an approver who changed the case after the request, even when the requester refreshed the preview', async () => {
    const { caseId, input, share } = await requestedShare();
    const edited = { ...input, title: 'Rewritten by the approver' };
    expect((await knpa.graphql(UPDATE_CASE, { id: caseId, input: edited }, t.dual)).errors).toBeUndefined();
    await ok(knpa, REFRESH, { id: share.id }, t.colleague);

    const approval = await knpa.graphql(APPROVE, { id: share.id }, t.dual);
    expect(approval.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(approval.errors?.[0]?.message).toMatch(/changed case .* after this share was requested/);
    expect((await statusOf(share.id)).status).toBe('PENDING_APPROVAL');
  });

  it('makes whoever refreshes a preview its requester: a liaison officer who refreshed cannot approve', async () => {
    const { share } = await requestedShare();
    const refreshed = await ok<{ refreshSharePreview: Share }>(knpa, REFRESH, { id: share.id }, t.liaison);
    const approval = await knpa.graphql(APPROVE, { id: share.id }, t.liaison);
    expect(approval.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refreshed.refreshSharePreview.requestedBy).toBe('liaison-kang');
    expect((await ok<{ approveShare: Share }>(knpa, APPROVE, { id: share.id }, t.liaison2)).approveShare.status).toBe(
      'APPROVED',
    );
  });

  it('puts every case edit and every preview refresh on the audit trail', async () => {
    const { caseId, input, share } = await requestedShare();
    await ok(knpa, UPDATE_CASE, { id: caseId, input: { ...input, title: 'Edited for the audit' } }, t.dual);
    await ok(knpa, REFRESH, { id: share.id }, t.dual);
    const byDual = await auditTrail(knpa, t.auditor, { actor: 'dual-park' });
    expect(byDual).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'CASE_UPDATED',
          subjectType: 'CASE',
          subjectId: caseId,
          details: expect.objectContaining({ revision: 2 }),
        }),
        expect.objectContaining({
          type: 'SHARE_PREVIEW_REFRESHED',
          subjectId: share.id,
          details: expect.objectContaining({ requestedBy: 'dual-park', previousRequesters: ['analyst-lee'] }),
        }),
      ]),
    );
    const created = await auditTrail(knpa, t.auditor, { actor: 'analyst-lee', subjectId: caseId });
    expect(created.map((entry) => entry.type)).toContain('CASE_CREATED');
  });

  it('previews a reply through outbound policy: a refused offence category withheld, a passport number masked, and exactly that sealed', async () => {
    const packetId = await packetFromCnp(['ONLINE_SCAM', 'HUMAN_TRAFFICKING']);
    const text = 'Account frozen on 2026-03-02. The holder presented passport M12345678 at the branch.';
    const { replyToPacket: reply } = await ok<{ replyToPacket: Share }>(
      knpa,
      REPLY,
      { p: packetId, t: text },
      t.colleague,
    );
    expect(reply.status).toBe('PENDING_APPROVAL');
    expect(reply.preview?.offenceCategories).toEqual(['ONLINE_SCAM']);
    expect(reply.preview?.text).not.toContain('M12345678');
    expect(reply.preview?.text).toContain('Account frozen on 2026-03-02.');
    expect(reply.removed.map((r) => r.rule)).toEqual([
      expect.stringContaining('HUMAN_TRAFFICKING'),
      expect.stringContaining('IDENTITY_DOCUMENTS'),
    ]);

    const { approveShare } = await ok<{ approveShare: Share }>(knpa, APPROVE, { id: reply.id }, t.liaison);
    const [row] = await sql<{ packet: SealedPacket }>(
      knpa.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [approveShare.packetId],
    );
    const received = await acceptPacket(cnp.app(), row.packet);
    expect(received.content).toEqual(reply.preview);
  });

  it('denies a reply whose every offence category the partner may not receive, with the reason', async () => {
    const packetId = await packetFromCnp(['HUMAN_TRAFFICKING']);
    const { replyToPacket: reply } = await ok<{ replyToPacket: Share }>(
      knpa,
      REPLY,
      { p: packetId, t: 'We hold more on the victims.' },
      t.colleague,
    );
    expect(reply.status).toBe('DENIED_BY_POLICY');
    expect(reply.preview).toBeNull();
    expect(reply.policyReasons.join(' ')).toMatch(/HUMAN_TRAFFICKING/);
  });

  it('applies the same rule to replies: neither the writer nor whoever refreshed approves', async () => {
    const packetId = await packetFromCnp(['ONLINE_SCAM']);
    const { replyToPacket: reply } = await ok<{ replyToPacket: Share }>(
      knpa,
      REPLY,
      { p: packetId, t: 'Frozen.' },
      t.dual,
    );
    expect((await knpa.graphql(APPROVE, { id: reply.id }, t.dual)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await ok(knpa, REFRESH, { id: reply.id }, t.liaison);
    expect((await knpa.graphql(APPROVE, { id: reply.id }, t.liaison)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await knpa.graphql(APPROVE, { id: reply.id }, t.dual)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok<{ approveShare: Share }>(knpa, APPROVE, { id: reply.id }, t.liaison2)).approveShare.status).toBe(
      'APPROVED',
    );
  });
});
