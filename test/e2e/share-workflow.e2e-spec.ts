import pino from 'pino';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { openPacket } from '../../src/envelope/packet-envelope.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { loadNodeIdentity } from '../../src/identity/node-identity.loader.js';
import { parseNodeCertificate } from '../../src/kernel/pki/node-certificate.js';
import { CREATE_CASE, UPDATE_CASE, caseInput } from '../support/case-factory.js';
import type { SharedCasePayload } from '../../src/policy/shared-case-payload.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode, testConfig } from '../support/test-node.js';

const SHARE_FIELDS =
  'id status partnerId caseReference policyVersion policyReasons preview removed { path rule } stale packetId decidedBy decisionComment requestedBy';
const REQUEST_SHARE = `mutation ($caseId: ID!, $partners: [String!]!, $purpose: SharePurpose!, $note: String) {
  requestShare(caseId: $caseId, partnerIds: $partners, purpose: $purpose, note: $note) { ${SHARE_FIELDS} } }`;
const APPROVE = `mutation ($id: ID!, $comment: String) { approveShare(id: $id, comment: $comment) { ${SHARE_FIELDS} } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectShare(id: $id, reason: $reason) { ${SHARE_FIELDS} } }`;
const REFRESH = `mutation ($id: ID!) { refreshSharePreview(id: $id) { ${SHARE_FIELDS} } }`;

interface Share {
  id: string;
  status: string;
  partnerId: string;
  policyVersion: string;
  policyReasons: string[];
  preview: SharedCasePayload | null;
  removed: { path: string; rule: string }[];
  stale: boolean;
  packetId: string | null;
  decidedBy: string | null;
  decisionComment: string | null;
}

describe('cases, policies and liaison-officer approval of shares', () => {
  const federation = new TestFederation('share', ['kr-knpa', 'kh-cnp', 'asean-hub', 'kh-gdce']);
  let node: TestNode;
  let analyst: string;
  let analystOfficer: string;
  let officer: string;
  let admin: string;

  async function createCase(overrides: Record<string, unknown> = {}): Promise<{ id: string; reference: string }> {
    const created = await node.graphql<{ createCase: { id: string; reference: string } }>(
      CREATE_CASE,
      { input: caseInput(overrides) },
      analyst,
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createCase;
  }

  async function requestShare(caseId: string, partners: string[], token = analyst): Promise<Share[]> {
    const response = await node.graphql<{ requestShare: Share[] }>(
      REQUEST_SHARE,
      { caseId, partners, purpose: 'INVESTIGATION', note: 'JTF op' },
      token,
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.requestShare;
  }

  async function openAs(nodeId: string, packet: SealedPacket) {
    const identity = await loadNodeIdentity(testConfig({ id: nodeId }, federation.pkiDir), pino({ level: 'silent' }));
    return openPacket(packet, {
      self: {
        nodeId,
        encryptionKeys: [
          {
            publicKey: identity.keys.current.encryption.publicKey,
            secretKey: identity.keys.current.encryption.privateKey,
          },
        ],
      },
      verifySender: async (_from, pem) => ({ signingPublicKey: parseNodeCertificate(pem).ed25519PublicKey }),
    });
  }

  beforeAll(async () => {
    // kr-kcs is a peer with no certificate on the PKI.
    [node] = await federation.start({
      id: 'kr-knpa',
      database: 'share',
      trusted: ['kh-cnp', 'asean-hub', 'kh-gdce'],
      config: {
        name: 'Korean National Police Agency',
        peers: ['kh-cnp', 'asean-hub', 'kh-gdce', 'kr-kcs'].map((id) => ({ id, url: 'https://127.0.0.1:9' })),
      },
    });
    analyst = await node.officerToken('analyst-yoon', [Role.ANALYST]);
    analystOfficer = await node.officerToken('analyst-officer-han', [Role.ANALYST, Role.LIAISON_OFFICER]);
    officer = await node.officerToken('liaison-jung', [Role.LIAISON_OFFICER]);
    admin = await node.officerToken('policy-admin', [Role.ADMIN]);
  });
  afterAll(() => federation.stop());

  describe('case input validation', () => {
    it('creates a case with normalised identifiers', async () => {
      const created = await node.graphql<{
        createCase: { revision: number; identifiers: { type: string; value: string }[] };
      }>(CREATE_CASE, { input: caseInput() }, analyst);
      expect(created.errors).toBeUndefined();
      expect(created.data!.createCase.revision).toBe(1);
      expect(created.data!.createCase.identifiers.find((i) => i.type === 'WALLET_EVM')?.value).toBe(
        '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      );
    });

    it.each([
      ['a bad TLP value', { tlp: 'PURPLE' }, /tlp|Tlp/],
      [
        'a malformed date',
        { subjects: [{ names: ['X'], dateOfBirth: '1988-02-30' }] },
        /input\.subjects\.0\.dateOfBirth/,
      ],
      [
        'an identifier failing its format check',
        { identifiers: [{ type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx' }] },
        /input\.identifiers\.0\.value/,
      ],
      ['no offence category', { offenceCategories: [] }, /input\.offenceCategories/],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, overrides, field) => {
      const response = await node.graphql(CREATE_CASE, { input: caseInput({ ...overrides, requests: [] }) }, analyst);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(`${response.errors?.[0].extensions?.field ?? ''} ${response.errors?.[0].message}`).toMatch(field);
    });

    it('refuses a duplicate reference with CONFLICT and a case write by an AUDITOR with FORBIDDEN', async () => {
      const { reference } = await createCase();
      expect(
        (await node.graphql(CREATE_CASE, { input: caseInput({ reference }) }, analyst)).errors?.[0].extensions?.code,
      ).toBe('CONFLICT');
      const auditor = await node.officerToken('auditor-case', [Role.AUDITOR]);
      expect((await node.graphql(CREATE_CASE, { input: caseInput() }, auditor)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  it('computes a redacted preview per partner under its policy', async () => {
    const { id } = await createCase({ offenceCategories: ['MONEY_LAUNDERING', 'HUMAN_TRAFFICKING'] });
    const [cnp, hub] = await requestShare(id, ['kh-cnp', 'asean-hub']);
    expect(cnp).toMatchObject({ partnerId: 'kh-cnp', status: 'DENIED_BY_POLICY' });
    expect(cnp.policyReasons.join(' ')).toMatch(/MONEY_LAUNDERING|offence/);
    expect(hub).toMatchObject({ partnerId: 'asean-hub', status: 'DENIED_BY_POLICY' });
    expect(hub.policyReasons.join(' ')).toMatch(/TLP/);

    const scam = await createCase({ offenceCategories: ['ONLINE_SCAM'] });
    const [cnpOk] = await requestShare(scam.id, ['kh-cnp']);
    expect(cnpOk.status).toBe('PENDING_APPROVAL');
    const mixed = await createCase({ offenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING'] });
    const [cnpMixed] = await requestShare(mixed.id, ['kh-cnp']);
    expect(cnpMixed.preview!.offenceCategories).toEqual(['ONLINE_SCAM']);
    expect(cnpOk.policyVersion).toBe('kr-knpa/kh-cnp/v1');
    expect(cnpOk.preview!.subjects![0].dateOfBirth).toBe('1988');
    expect(cnpOk.preview!.subjects![0].documents).toBeUndefined();
    expect(JSON.stringify(cnpOk.preview)).not.toContain('M12345678');
    expect(cnpOk.removed.map((r) => r.path)).toEqual(
      expect.arrayContaining(['subjects[0].dateOfBirth', 'subjects[0].documents']),
    );
  });

  it('request → approve by another officer → exactly the preview is sealed for the partner', async () => {
    const { id } = await createCase({ offenceCategories: ['ONLINE_SCAM'] });
    const [share] = await requestShare(id, ['kh-cnp']);

    const own = await node.graphql(
      REQUEST_SHARE,
      { caseId: id, partners: ['kh-cnp'], purpose: 'INVESTIGATION' },
      analystOfficer,
    );
    const ownShare = (own.data as { requestShare: Share[] }).requestShare[0];
    const selfApproval = await node.graphql(APPROVE, { id: ownShare.id }, analystOfficer);
    expect(selfApproval.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(selfApproval.errors?.[0].message).toMatch(/other than the one who requested/);
    expect((await node.graphql(APPROVE, { id: share.id }, analyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const approved = await node.graphql<{ approveShare: Share }>(
      APPROVE,
      { id: share.id, comment: 'OK for JTF' },
      officer,
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveShare).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'liaison-jung',
      decisionComment: 'OK for JTF',
    });
    const packetId = approved.data!.approveShare.packetId!;

    const [row] = await sql<{ packet: SealedPacket; partner_id: string }>(
      node.databaseUrl,
      'SELECT wire::jsonb AS packet, partner_id FROM outbound_packet WHERE packet_id = $1',
      [packetId],
    );
    expect(row.partner_id).toBe('kh-cnp');
    const opened = await openAs('kh-cnp', row.packet);
    expect(opened.header).toMatchObject({
      from: 'kr-knpa',
      to: ['kh-cnp'],
      type: 'case',
      policyVersion: 'kr-knpa/kh-cnp/v1',
    });
    expect(opened.body).toEqual(share.preview);
    await expect(openAs('asean-hub', row.packet)).rejects.toMatchObject({ reason: 'NOT_ADDRESSED_TO_US' });

    expect((await node.graphql(APPROVE, { id: share.id }, officer)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(
      (await node.graphql(REJECT, { id: share.id, reason: 'too late' }, officer)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
  });

  it('rejects with a reason, by another officer only; nothing is sealed', async () => {
    const { id } = await createCase({ offenceCategories: ['DRUG_TRAFFICKING'] });
    const [share] = await requestShare(id, ['kh-cnp'], analystOfficer);
    expect(
      (await node.graphql(REJECT, { id: share.id, reason: 'no' }, analystOfficer)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await node.graphql(REJECT, { id: share.id, reason: '  ' }, officer)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const rejected = await node.graphql<{ rejectShare: Share }>(
      REJECT,
      { id: share.id, reason: 'Source protection: wait for MLA' },
      officer,
    );
    expect(rejected.data!.rejectShare).toMatchObject({
      status: 'REJECTED',
      decisionComment: 'Source protection: wait for MLA',
      packetId: null,
    });
    const listed = await node.graphql<{ shareRequests: Share[] }>(
      `{ shareRequests(status: REJECTED) { id status } }`,
      {},
      officer,
    );
    expect(listed.data!.shareRequests.map((s) => s.id)).toContain(share.id);
  });

  it('refuses to approve a stale preview after the case changed, until the preview is refreshed', async () => {
    const input = caseInput({ offenceCategories: ['ONLINE_SCAM'] });
    const created = await node.graphql<{ createCase: { id: string } }>(CREATE_CASE, { input }, analyst);
    const caseId = created.data!.createCase.id;
    const [share] = await requestShare(caseId, ['kh-cnp']);
    const changed = { ...input, title: 'Updated: second compound identified' };
    expect((await node.graphql(UPDATE_CASE, { id: caseId, input: changed, rev: 1 }, analyst)).errors).toBeUndefined();
    expect(
      (await node.graphql(UPDATE_CASE, { id: caseId, input: changed, rev: 1 }, analyst)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');

    const listed = await node.graphql<{ shareRequest: Share }>(
      `query ($id: ID!) { shareRequest(id: $id) { stale } }`,
      { id: share.id },
      officer,
    );
    expect(listed.data!.shareRequest.stale).toBe(true);
    const refused = await node.graphql(APPROVE, { id: share.id }, officer);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toMatch(/stale.*case changed/);

    // The requesting analyst refreshes; whoever refreshes is the requester, so the officer still decides.
    const refreshed = await node.graphql<{ refreshSharePreview: Share }>(REFRESH, { id: share.id }, analyst);
    expect(refreshed.data!.refreshSharePreview).toMatchObject({ stale: false, status: 'PENDING_APPROVAL' });
    expect(refreshed.data!.refreshSharePreview.preview!.title).toBe('Updated: second compound identified');
    expect(
      (await node.graphql<{ approveShare: Share }>(APPROVE, { id: share.id }, officer)).data!.approveShare.status,
    ).toBe('APPROVED');
  });

  it('refuses approval after a policy change between request and approval; the refreshed preview follows the new version', async () => {
    const { id } = await createCase({ offenceCategories: ['ONLINE_SCAM'] });
    const [share] = await requestShare(id, ['kh-cnp']);
    const current = await node.graphql<{
      partnerPolicy: { version: number; outbound: Record<string, unknown>; inbound: Record<string, unknown> };
    }>(
      `{ partnerPolicy(partnerId: "kh-cnp") { version outbound { offenceCategories purposes tlpCeiling dataCategories transforms { path transform } onwardSharing { allowed to } retentionDays approvalMode watchlistCategories } inbound { offenceCategories tlpCeiling maxRetentionDays acceptRelayed } } }`,
      {},
      admin,
    );
    const { outbound, inbound } = current.data!.partnerPolicy;
    const stricter = {
      ...outbound,
      dataCategories: (outbound.dataCategories as string[]).filter((c) => c !== 'PERSONS' && c !== 'DATES_OF_BIRTH'),
      transforms: [],
    };
    const setPolicy = `mutation ($p: PartnerPolicyInput!) { setPartnerPolicy(partnerId: "kh-cnp", policy: $p) { version policyVersion } }`;
    expect(
      (await node.graphql(setPolicy, { p: { outbound: stricter, inbound } }, officer)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const changed = await node.graphql<{ setPartnerPolicy: { version: number; policyVersion: string } }>(
      setPolicy,
      { p: { outbound: stricter, inbound } },
      admin,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.setPartnerPolicy).toEqual({ version: 2, policyVersion: 'kr-knpa/kh-cnp/v2' });
    const badPolicy = await node.graphql(
      setPolicy,
      { p: { outbound: { ...stricter, retentionDays: -1 }, inbound } },
      admin,
    );
    expect(badPolicy.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'policy.outbound.retentionDays',
    });

    const refused = await node.graphql(APPROVE, { id: share.id }, officer);
    expect(refused.errors?.[0].message).toMatch(/policy for kh-cnp changed \(version 1 → 2\)/);
    const refreshed = await node.graphql<{ refreshSharePreview: Share }>(REFRESH, { id: share.id }, analyst);
    expect(refreshed.data!.refreshSharePreview.policyVersion).toBe('kr-knpa/kh-cnp/v2');
    expect(refreshed.data!.refreshSharePreview.preview!.subjects).toBeUndefined();
    const approved = await node.graphql<{ approveShare: Share }>(APPROVE, { id: share.id }, officer);
    const [row] = await sql<{ packet: SealedPacket }>(
      node.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [approved.data!.approveShare.packetId],
    );
    expect((await openAs('kh-cnp', row.packet)).header.policyVersion).toBe('kr-knpa/kh-cnp/v2');
    const old = await node.graphql<{ partnerPolicy: { version: number } }>(
      `{ partnerPolicy(partnerId: "kh-cnp", version: 1) { version } }`,
      {},
      admin,
    );
    expect(old.data!.partnerPolicy.version).toBe(1);
  });
});
