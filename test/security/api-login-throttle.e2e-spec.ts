import { randomBytes } from 'node:crypto';
import { TaxiiListener } from '../../src/taxii/taxii-listener.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';
import { LOGIN, graphql, http, sleep } from './support/api-attacker.js';
import { auditTrail } from './support/api-audit.js';

// Each source is one loopback address: the node sees 127.0.0.2 and 127.0.0.3 as two clients.
const ATTACKER = '127.0.0.2';
const OFFICE = '127.0.0.3';

function login(node: TestNode, username: string, password: string, from: string) {
  return graphql(node.url, LOGIN, { u: username, p: password }, undefined, { localAddress: from });
}

const codeOf = (answer: Awaited<ReturnType<typeof login>>) => answer.json?.errors?.[0]?.extensions?.code;

// Issue #14 item 10: five wrong passwords from one address locked the real officer out from every
// address for 900 s; ten wrong TAXII secrets locked out the real partner; every refused attempt added
// an audit entry, without bound. Throttle the source, not the victim; one audit entry per burst.
describe('rate limits cannot be turned against users (default limits)', () => {
  let node: TestNode;
  let auditor: string;

  beforeAll(async () => {
    node = await TestNode.start('sec_throttle');
    auditor = await node.officerToken('auditor-cho', [Role.AUDITOR]);
  });
  afterAll(() => node?.stop());

  it('lets the real officer log in from their own address after five wrong passwords from another', async () => {
    const victim = await node.createOfficer('officer-victim', [Role.ANALYST]);
    for (let i = 0; i < 5; i += 1)
      expect(codeOf(await login(node, victim.username, `guess-${i}-wrong`, ATTACKER))).toBe('UNAUTHENTICATED');
    // The attacker's source is throttled, even with the right password.
    expect(codeOf(await login(node, victim.username, victim.password, ATTACKER))).toBe('RATE_LIMITED');
    const own = await login(node, victim.username, victim.password, OFFICE);
    expect(own.json?.errors).toBeUndefined();
    expect((own.json?.data?.login as { token?: string }).token).toEqual(expect.any(String));
  });

  it('keeps throttling an address that failed too often, whatever the username', async () => {
    const spray = '127.0.0.4';
    for (let i = 0; i < 20; i += 1) await login(node, `spray-${i}`, 'password-guess', spray);
    const answer = await login(node, 'auditor-cho', 'auditor-cho-password-123', spray);
    expect(codeOf(answer)).toBe('RATE_LIMITED');
    expect(answer.json?.errors?.[0]?.message).toContain('this address');
  });

  it('adds a bounded number of audit entries for a burst of refused attempts', async () => {
    const target = await node.createOfficer('officer-burst', [Role.ANALYST]);
    const source = '127.0.0.5';
    for (let i = 0; i < 5; i += 1) await login(node, target.username, `wrong-${i}`, source);
    for (let i = 0; i < 60; i += 1)
      expect(codeOf(await login(node, target.username, `wrong-x${i}`, source))).toBe('RATE_LIMITED');
    const entries = (await auditTrail(node, auditor, { actor: target.username })).filter(
      (entry) => entry.details.clientAddress === source,
    );
    // The five checked failures, and at most one entry for the burst that followed.
    expect(entries.length).toBeLessThanOrEqual(6);
  });
});

describe('TAXII secrets are throttled per source', () => {
  const federation = new TestFederation('sec-taxii', ['kr-knpa', 'kh-cnp']);
  let node: TestNode;
  let taxii: string;

  beforeAll(async () => {
    [node] = await federation.start({ id: 'kr-knpa', database: 'sec_throttle_taxii', config: { taxii: { port: 0 } } });
    taxii = node.app().get(TaxiiListener).url() as string;
  });
  afterAll(() => federation.stop());

  it('keeps the partner’s TAXII access when someone else sends ten wrong secrets for it', async () => {
    const admin = await node.officerToken('admin-taxii', [Role.ADMIN]);
    const issued = await node.graphql<{ issueTaxiiAccount: { username: string; password: string } }>(
      'mutation { issueTaxiiAccount(partnerId: "kh-cnp") { username password } }',
      {},
      admin,
    );
    const { username, password } = issued.data!.issueTaxiiAccount;
    const poll = (secret: string, from: string) =>
      http(`${taxii}/taxii2/`, {
        localAddress: from,
        headers: {
          accept: 'application/taxii+json;version=2.1',
          authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`,
        },
      });
    for (let i = 0; i < 10; i += 1)
      expect((await poll(randomBytes(32).toString('base64url'), ATTACKER)).status).toBe(401);
    expect((await poll(randomBytes(32).toString('base64url'), ATTACKER)).status).toBe(429);
    expect((await poll(password, OFFICE)).status).toBe(200);
  });
});

describe('refused logins are audited as one entry per burst', () => {
  let node: TestNode;
  let auditor: string;

  beforeAll(async () => {
    node = await TestNode.start('sec_throttle_audit', { auth: { throttleAuditQuietSeconds: 2 } });
    auditor = await node.officerToken('auditor-bae', [Role.AUDITOR]);
  });
  afterAll(() => node?.stop());

  it('records a burst of refusals, once it ends, as one LOGIN_THROTTLED entry with its count', async () => {
    const target = await node.createOfficer('officer-target', [Role.ANALYST]);
    const source = '127.0.0.6';
    for (let i = 0; i < 5; i += 1) await login(node, target.username, `wrong-${i}`, source);
    for (let i = 0; i < 30; i += 1) await login(node, target.username, `wrong-y${i}`, source);
    const deadline = Date.now() + 15_000;
    let throttled: Awaited<ReturnType<typeof auditTrail>> = [];
    while (throttled.length === 0 && Date.now() < deadline) {
      await sleep(500);
      throttled = (await auditTrail(node, auditor, { subjectId: source })).filter((e) => e.type === 'LOGIN_THROTTLED');
    }
    expect(throttled).toEqual([
      expect.objectContaining({
        actor: target.username,
        subjectType: 'LOGIN_SOURCE',
        details: expect.objectContaining({ clientAddress: source, refusals: 30, throttled: 'ACCOUNT_FROM_ADDRESS' }),
      }),
    ]);
    // A later burst is a new entry; the quiet period in between ended the first.
    for (let i = 0; i < 3; i += 1) await login(node, target.username, `wrong-z${i}`, source);
    await sleep(4_500);
    const after = (await auditTrail(node, auditor, { subjectId: source })).filter((e) => e.type === 'LOGIN_THROTTLED');
    expect(after.map((e) => e.details.refusals)).toEqual([3, 30]);
  });
});
