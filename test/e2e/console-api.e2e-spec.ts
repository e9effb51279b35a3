import { Role } from '../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

// What the console needs of the API beyond the daily operations: account roles, audited TAXII
// accounts, what went out for auditors, a dry-run policy check, partner names, and stable codes
// with parameters beside the English text (policy reasons, removal rules, identifier reasons, errors).

const NODES = ['kr-knpa', 'kh-cnp'];
const LOG = `query ($types: [AuditEventType!]) { auditLog(filter: { types: $types }, first: 50) {
  entries { type actor subjectType subjectId details } } }`;
const SHARE = `mutation ($c: ID!, $p: [String!]!, $purpose: SharePurpose!) { requestShare(caseId: $c, partnerIds: $p, purpose: $purpose) {
  id status policyReasons policyReasonTexts { code params text } removed { path rule ruleText { code params text } } } }`;
const OUTBOUND = {
  offenceCategories: ['ONLINE_SCAM'],
  purposes: ['INVESTIGATION'],
  tlpCeiling: 'AMBER',
  dataCategories: ['PERSONS', 'WALLET_AND_ACCOUNT_IDENTIFIERS'],
  transforms: [{ path: 'subjects[].names', transform: 'MASK' }],
  onwardSharing: { allowed: false, to: [] },
  retentionDays: 90,
  approvalMode: 'LIAISON_OFFICER',
  watchlistCategories: [],
};

interface Entry {
  type: string;
  actor: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

describe('what the console needs of the API', () => {
  const federation = new TestFederation('console-api', NODES);
  let node: TestNode;
  const tokens: Record<string, string> = {};

  async function audit(type: string): Promise<Entry[]> {
    const answer = await node.graphql<{ auditLog: { entries: Entry[] } }>(LOG, { types: [type] }, tokens.auditor);
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data.auditLog.entries;
  }

  async function newCase(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await node.graphql<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput(overrides) },
      tokens.analyst,
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createCase.id;
  }

  beforeAll(async () => {
    [node] = await federation.start({
      id: 'kr-knpa',
      database: 'console_api',
      config: { peers: [{ id: 'kh-cnp', name: 'Cambodian National Police', url: 'https://127.0.0.1:9' }] },
    });
    tokens.analyst = await node.officerToken('kim.analyst', [Role.ANALYST]);
    tokens.officer = await node.officerToken('park.liaison', [Role.LIAISON_OFFICER]);
    tokens.admin = await node.officerToken('lee.admin', [Role.ADMIN]);
    tokens.auditor = await node.officerToken('han.auditor', [Role.AUDITOR]);
  });
  afterAll(() => federation.stop());

  it('names partners by the agency name the configuration gives', async () => {
    const answer = await node.graphql<{ peers: { id: string; name: string | null }[] }>(
      '{ peers { id name } }',
      {},
      tokens.analyst,
    );
    expect(answer.data?.peers).toEqual([{ id: 'kh-cnp', name: 'Cambodian National Police' }]);
  });

  it('changes an account’s roles at once, audited with the roles before and after; an admin cannot demote themselves', async () => {
    const roles = 'mutation ($u: String!, $r: [Role!]!) { setUserRoles(username: $u, roles: $r) { username roles } }';
    const seok = await node.officerToken('seok.analyst', [Role.ANALYST]);
    expect((await node.graphql('{ cases { id } }', {}, seok)).errors).toBeUndefined();

    const changed = await node.graphql<{ setUserRoles: { roles: string[] } }>(
      roles,
      { u: 'seok.analyst', r: ['AUDITOR'] },
      tokens.admin,
    );
    expect(changed.data?.setUserRoles.roles).toEqual(['AUDITOR']);
    // The token stays valid, but the account's roles are read on every request.
    expect((await node.graphql('{ cases { id } }', {}, seok)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [entry] = await audit('USER_ROLES_CHANGED');
    expect(entry).toMatchObject({
      actor: 'lee.admin',
      subjectType: 'OFFICER_ACCOUNT',
      details: { username: 'seok.analyst', roles: ['AUDITOR'], previousRoles: ['ANALYST'] },
    });

    const self = await node.graphql(roles, { u: 'lee.admin', r: ['AUDITOR'] }, tokens.admin);
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reasonCode: 'CANNOT_DEMOTE_SELF' });
    const none = await node.graphql(roles, { u: 'seok.analyst', r: [] }, tokens.admin);
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    const ghost = await node.graphql(roles, { u: 'nobody.here', r: ['ANALYST'] }, tokens.admin);
    expect(ghost.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reasonCode: 'ACCOUNT_NOT_FOUND' });
    expect(
      (await node.graphql(roles, { u: 'seok.analyst', r: ['ADMIN'] }, tokens.analyst)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await audit('USER_ROLES_CHANGED')).toHaveLength(1);
  });

  it('audits issuing, re-issuing and disabling a TAXII account, never with the secret', async () => {
    const issue = 'mutation { issueTaxiiAccount(partnerId: "kh-cnp") { username password } }';
    const first = await node.graphql<{ issueTaxiiAccount: { password: string } }>(issue, {}, tokens.admin);
    const second = await node.graphql<{ issueTaxiiAccount: { password: string } }>(issue, {}, tokens.admin);
    expect(
      (await node.graphql('mutation { disableTaxiiAccount(partnerId: "kh-cnp") }', {}, tokens.admin)).data,
    ).toEqual({ disableTaxiiAccount: true });
    const issued = await audit('TAXII_ACCOUNT_ISSUED');
    expect(issued.map((e) => e.details)).toEqual([
      { username: 'kh-cnp', kind: 'PARTNER', replaced: true },
      { username: 'kh-cnp', kind: 'PARTNER', replaced: false },
    ]);
    expect(issued[0]).toMatchObject({ actor: 'lee.admin', subjectType: 'TAXII_ACCOUNT', subjectId: 'kh-cnp' });
    expect(await audit('TAXII_ACCOUNT_DISABLED')).toEqual([
      expect.objectContaining({ actor: 'lee.admin', details: { username: 'kh-cnp', kind: 'PARTNER' } }),
    ]);
    const trail = JSON.stringify([...issued, ...(await audit('TAXII_ACCOUNT_DISABLED'))]);
    expect(trail).not.toContain(first.data!.issueTaxiiAccount.password);
    expect(trail).not.toContain(second.data!.issueTaxiiAccount.password);
  });

  it('shows auditors what went out with its approval, and nothing that did not', async () => {
    const sent =
      'query ($p: String) { sentShares(partnerId: $p) { id status caseReference requestedBy decidedBy decisionComment policyVersion packetId preview } }';
    const approvedCase = await newCase({ reference: 'KNPA-SENT-1' });
    const pendingCase = await newCase({ reference: 'KNPA-PENDING-1' });
    const [approved] = (
      await node.graphql<{ requestShare: { id: string }[] }>(
        SHARE,
        { c: approvedCase, p: ['kh-cnp'], purpose: 'INVESTIGATION' },
        tokens.analyst,
      )
    ).data!.requestShare;
    await node.graphql<{ requestShare: { id: string }[] }>(
      SHARE,
      { c: pendingCase, p: ['kh-cnp'], purpose: 'INVESTIGATION' },
      tokens.analyst,
    );
    const decision = await node.graphql(
      'mutation ($id: ID!) { approveShare(id: $id, comment: "JTF lead") { status } }',
      { id: approved.id },
      tokens.officer,
    );
    expect(decision.errors).toBeUndefined();

    const answer = await node.graphql<{ sentShares: Record<string, unknown>[] }>(sent, {}, tokens.auditor);
    expect(answer.data?.sentShares).toEqual([
      expect.objectContaining({
        id: approved.id,
        caseReference: 'KNPA-SENT-1',
        requestedBy: 'kim.analyst',
        decidedBy: 'park.liaison',
        decisionComment: 'JTF lead',
        policyVersion: 'kr-knpa/kh-cnp/v1',
        packetId: expect.any(String),
        preview: expect.objectContaining({ reference: 'KNPA-SENT-1' }),
      }),
    ]);
    expect(
      (await node.graphql<{ sentShares: unknown[] }>(sent, { p: 'asean-hub' }, tokens.auditor)).data?.sentShares,
    ).toEqual([]);
    expect((await node.graphql(sent, {}, tokens.officer)).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reasonCode: 'ROLE_REQUIRED',
    });
  });

  it('checks a policy exactly as publishing would, naming every problem, and stores nothing', async () => {
    const check =
      'query ($p: String!, $policy: PartnerPolicyInput!) { checkPartnerPolicy(partnerId: $p, policy: $policy) { field message } }';
    const publish =
      'mutation ($p: String!, $policy: PartnerPolicyInput!) { setPartnerPolicy(partnerId: $p, policy: $policy) { version } }';
    expect((await node.graphql(check, { p: 'kh-cnp', policy: { outbound: OUTBOUND } }, tokens.admin)).data).toEqual({
      checkPartnerPolicy: [],
    });
    const bad = {
      outbound: {
        ...OUTBOUND,
        purposes: [],
        transforms: [
          { path: 'subjects[].dateOfBirth', transform: 'LAST_3' },
          { path: 'transactions[].amount', transform: 'MASK' },
        ],
        onwardSharing: { allowed: true, to: [] },
      },
      inbound: { offenceCategories: [], tlpCeiling: 'AMBER', maxRetentionDays: 30, acceptRelayed: false },
    };
    const problems = (
      await node.graphql<{ checkPartnerPolicy: { field: string; message: string }[] }>(
        check,
        { p: 'kh-cnp', policy: bad },
        tokens.admin,
      )
    ).data!.checkPartnerPolicy;
    expect(problems.map((p) => p.field).sort()).toEqual([
      'policy.inbound.offenceCategories',
      'policy.outbound.onwardSharing.to',
      'policy.outbound.purposes',
      'policy.outbound.transforms.0.path',
      'policy.outbound.transforms.0.transform',
      'policy.outbound.transforms.1.path',
    ]);
    // Publishing refuses the same policy, naming the first of those problems.
    const refused = await node.graphql(publish, { p: 'kh-cnp', policy: bad }, tokens.admin);
    expect(problems.map((p) => p.field)).toContain(refused.errors?.[0].extensions?.field);
    expect(
      (
        await node.graphql<{ checkPartnerPolicy: { field: string }[] }>(
          check,
          { p: 'xx-nobody', policy: {} },
          tokens.admin,
        )
      ).data?.checkPartnerPolicy,
    ).toEqual([{ field: 'partnerId', message: '"xx-nobody" is not a configured peer of kr-knpa' }]);
    const versions = await node.graphql<{ partnerPolicy: { version: number } }>(
      '{ partnerPolicy(partnerId: "kh-cnp") { version } }',
      {},
      tokens.admin,
    );
    expect(versions.data?.partnerPolicy.version).toBe(1);
    const fields = await node.graphql<{ policyFieldTransforms: { path: string; transforms: string[] }[] }>(
      '{ policyFieldTransforms { path transforms } }',
      {},
      tokens.auditor,
    );
    expect(fields.data?.policyFieldTransforms).toContainEqual({
      path: 'subjects[].dateOfBirth',
      transforms: ['DROP', 'MASK', 'GENERALISE_YEAR'],
    });
  });

  it('gives policy reasons and removal rules as codes with parameters beside the English', async () => {
    const allowed = (
      await node.graphql<{ requestShare: ShareAnswer[] }>(
        SHARE,
        { c: await newCase(), p: ['kh-cnp'], purpose: 'INVESTIGATION' },
        tokens.analyst,
      )
    ).data!.requestShare[0];
    expect(allowed.policyReasonTexts.map((r) => r.text)).toEqual(allowed.policyReasons);
    expect(allowed.policyReasonTexts[0]).toEqual({
      code: 'TLP_WITHIN_CEILING',
      params: { tlp: 'AMBER', ceiling: 'AMBER' },
      text: "case is TLP:AMBER, within this partner's ceiling TLP:AMBER",
    });
    expect(allowed.removed.map((r) => r.ruleText)).toEqual(
      expect.arrayContaining([
        { code: 'DATA_CATEGORY_NOT_ALLOWED', params: { category: 'IDENTITY_DOCUMENTS' }, text: expect.any(String) },
        {
          code: 'TRANSFORM',
          params: { transform: 'GENERALISE_YEAR', field: 'subjects[].dateOfBirth' },
          text: 'transform GENERALISE_YEAR on subjects[].dateOfBirth',
        },
        {
          code: 'OFFENCE_CATEGORY_NOT_ALLOWED',
          params: { category: 'MONEY_LAUNDERING' },
          text: 'offence category MONEY_LAUNDERING not allowed for this partner',
        },
      ]),
    );
    const denied = (
      await node.graphql<{ requestShare: ShareAnswer[] }>(
        SHARE,
        { c: await newCase({ tlp: 'RED' }), p: ['kh-cnp'], purpose: 'PROSECUTION' },
        tokens.analyst,
      )
    ).data!.requestShare[0];
    expect(denied.status).toBe('DENIED_BY_POLICY');
    expect(denied.policyReasonTexts.map((r) => [r.code, r.params])).toEqual([
      ['TLP_ABOVE_CEILING', { tlp: 'RED', ceiling: 'AMBER' }],
      [
        'PURPOSE_NOT_ALLOWED',
        { purpose: 'PROSECUTION', allowed: ['INVESTIGATION', 'ASSET_FREEZE', 'INTELLIGENCE_PICTURE'] },
      ],
      ['INTELLIGENCE_ONLY_NOT_FOR_PROSECUTION', {}],
    ]);
  });

  it('gives identifier refusals and domain errors a stable code', async () => {
    const validate = await node.graphql<{ validateIdentifier: { valid: boolean; reason: string; reasonCode: string } }>(
      '{ validateIdentifier(type: WALLET_BTC, value: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr") { valid reason reasonCode } }',
      {},
      tokens.analyst,
    );
    expect(validate.data?.validateIdentifier).toEqual({
      valid: false,
      reason: expect.stringMatching(/^bad checksum: /),
      reasonCode: 'BAD_CHECKSUM',
    });
    const ok = await node.graphql<{ validateIdentifier: { reasonCode: string | null } }>(
      '{ validateIdentifier(type: TELEGRAM, value: "@scam_boss_kh") { reasonCode } }',
      {},
      tokens.analyst,
    );
    expect(ok.data?.validateIdentifier.reasonCode).toBeNull();
    const screened = await node.graphql<{ screen: { reasonCode: string | null }[] }>(
      '{ screen(identifiers: [{ type: PHONE, value: "12" }, { type: TELEGRAM, value: "@scam_boss_kh" }]) { reasonCode } }',
      {},
      tokens.analyst,
    );
    expect(screened.data?.screen.map((r) => r.reasonCode)).toEqual([expect.any(String), null]);
    const login = await node.graphql(
      'mutation { login(username: "kim.analyst", password: "not-the-password") { token } }',
    );
    expect(login.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reasonCode: 'INVALID_CREDENTIALS' });
  });
});

interface ShareAnswer {
  id: string;
  status: string;
  policyReasons: string[];
  policyReasonTexts: { code: string; params: Record<string, unknown>; text: string }[];
  removed: { path: string; rule: string; ruleText: { code: string; params: Record<string, unknown>; text: string } }[];
}
