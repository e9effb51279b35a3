import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { loadTokenSecret } from '../../src/auth/token-secret.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { TestNode } from '../support/test-node.js';
import { ApiNodeProcess, graphql, http } from './support/api-attacker.js';
import { auditTrail } from './support/api-audit.js';

// Issue #14 item 14, the smaller gaps: tokens without `exp` were accepted; X-Powered-By was sent;
// production mode suggested field names to unauthenticated callers; watchlist changes, TAXII account
// changes and STIX exports were not on the audit trail, although an export is a release of case data.
describe('smaller gaps on the officers API', () => {
  let node: TestNode;
  let analyst: string;
  let auditor: string;
  let officerId: string;

  /** A token signed with the node's own secret, with the claims the test chooses. */
  async function forged(claims: { exp?: number; iat?: number }): Promise<string> {
    let jwt = new SignJWT({ username: 'analyst-gap' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(officerId)
      .setIssuer(node.config.id)
      .setAudience('fed-node:officer-api')
      .setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
    return jwt.sign(loadTokenSecret(node.config));
  }

  beforeAll(async () => {
    node = await TestNode.start('sec_gaps', { peers: [{ id: 'kh-cnp', url: 'https://127.0.0.1:9' }] });
    analyst = await node.officerToken('analyst-gap', [Role.ANALYST, Role.LIAISON_OFFICER]);
    auditor = await node.officerToken('auditor-gap', [Role.AUDITOR]);
    officerId = (await node.graphql<{ me: { id: string } }>('{ me { id } }', {}, analyst)).data!.me.id;
  });
  afterAll(() => node?.stop());

  it('refuses a token without exp, and one that outlives the configured token lifetime', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noExpiry = await forged({});
    const forEver = await forged({ iat: now - 2 * 3600, exp: now + 10 * 365 * 86400 });
    for (const token of [noExpiry, forEver]) {
      const answer = await node.graphql('{ me { username } }', {}, token);
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // The same claims with an ordinary expiry work: the refusal is about exp, not the signature.
    const ordinary = await forged({ exp: now + 600 });
    expect((await node.graphql('{ me { username } }', {}, ordinary)).data).toEqual({ me: { username: 'analyst-gap' } });
  });

  it('sends no X-Powered-By header', async () => {
    for (const path of ['/graphql', '/health/live', '/cases/00000000-0000-0000-0000-000000000000/attachments/x']) {
      const answer = await http(`${node.url}${path}`, {
        method: path === '/graphql' ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json' },
        ...(path === '/graphql' ? { body: JSON.stringify({ query: '{ nodeInfo { id } }' }) } : {}),
      });
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('puts watchlist additions, updates and revocations on the audit trail', async () => {
    const input = {
      identifierType: 'WALLET_TRON',
      value: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      offenceCategory: 'ONLINE_SCAM',
      severity: 'HIGH',
      reason: 'Collection wallet of the compound',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    };
    const added = await node.graphql<{ addWatchlistEntry: { entryId: string } }>(
      'mutation ($i: WatchlistEntryInput!) { addWatchlistEntry(input: $i) { entryId } }',
      { i: input },
      analyst,
    );
    const entryId = added.data!.addWatchlistEntry.entryId;
    await node.graphql(
      'mutation ($e: ID!, $i: WatchlistEntryInput!) { updateWatchlistEntry(entryId: $e, input: $i) { version } }',
      { e: entryId, i: { ...input, reason: 'Also used for a second scheme' } },
      analyst,
    );
    await node.graphql(
      'mutation ($e: ID!) { revokeWatchlistEntry(entryId: $e, reason: "Owner identified as a victim") { version } }',
      { e: entryId },
      analyst,
    );
    const trail = await auditTrail(node, auditor, { subjectId: entryId });
    expect(trail.map((entry) => [entry.type, entry.actor, entry.details.version])).toEqual([
      ['WATCHLIST_ENTRY_REVOKED', 'analyst-gap', 3],
      ['WATCHLIST_ENTRY_UPDATED', 'analyst-gap', 2],
      ['WATCHLIST_ENTRY_ADDED', 'analyst-gap', 1],
    ]);
    expect(JSON.stringify(trail)).not.toContain(input.value);
  });

  it('puts TAXII account changes and STIX exports of cases and the watchlist on the audit trail', async () => {
    const admin = await node.officerToken('admin-gap', [Role.ADMIN]);
    await node.graphql('mutation { issueTaxiiAccount(partnerId: "kh-cnp") { username } }', {}, admin);
    await node.graphql('mutation { disableTaxiiAccount(partnerId: "kh-cnp") }', {}, admin);
    const created = await node.graphql<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput({ offenceCategories: ['ONLINE_SCAM'] }) },
      analyst,
    );
    const caseId = created.data!.createCase.id;
    const exported = await node.graphql(
      'query ($c: ID!) { exportCaseStix(caseId: $c, partnerId: "kh-cnp") }',
      { c: caseId },
      analyst,
    );
    expect(exported.errors).toBeUndefined();
    await node.graphql('{ exportWatchlistStix(partnerId: "kh-cnp") }', {}, analyst);

    const byAdmin = (await auditTrail(node, auditor, { actor: 'admin-gap' })).map((e) => [e.type, e.subjectId]);
    expect(byAdmin).toEqual(
      expect.arrayContaining([
        ['TAXII_ACCOUNT_ISSUED', 'kh-cnp'],
        ['TAXII_ACCOUNT_DISABLED', 'kh-cnp'],
      ]),
    );
    const exports = (await auditTrail(node, auditor, { actor: 'analyst-gap' })).filter(
      (e) => e.type === 'STIX_EXPORTED',
    );
    expect(exports).toEqual([
      expect.objectContaining({ subjectType: 'WATCHLIST', details: expect.objectContaining({ partnerId: 'kh-cnp' }) }),
      expect.objectContaining({
        subjectType: 'CASE',
        subjectId: caseId,
        details: expect.objectContaining({ partnerId: 'kh-cnp', policyVersion: 'kr-knpa/kh-cnp/v1' }),
      }),
    ]);
  });
});

describe('production mode guesses no schema names for callers', () => {
  let node: ApiNodeProcess;

  beforeAll(async () => {
    // No peers and no trust anchors: a production node refuses to start on anchors it cannot read.
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'fednode-sec-prod-')), 'kh-gdce.yaml');
    writeFileSync(
      config,
      'id: kh-gdce\nname: Customs test node\ncountry: KH\nlisten: { port: 4002 }\nfederation: { port: 4102 }\ndatabase: { embeddedPort: 5435 }\n',
    );
    const env = { NODE_CONFIG: config, FEDNODE_KEY_PASSPHRASE: 'a long production passphrase for the test node' };
    // A development start makes the keys and secrets; the same folder then starts in production.
    const first = await ApiNodeProcess.start('sec_prod', { ...env, NODE_MODE: 'development' });
    await first.stop();
    node = await ApiNodeProcess.start('sec_prod_run', { ...first.env, NODE_MODE: 'production' });
  }, 180_000);
  afterAll(() => node?.stop());

  it('answers a misspelt field without "Did you mean", with or without a token', async () => {
    // Production indeed: introspection is off.
    expect((await graphql(node.url, '{ __schema { queryType { name } } }')).json?.errors?.length).toBeGreaterThan(0);
    const answer = await graphql(node.url, '{ nodeInfp { id } casess { id } }');
    expect(answer.json?.errors?.length).toBeGreaterThan(0);
    for (const error of answer.json!.errors!) {
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).not.toMatch(/Did you mean|nodeInfo|"cases"/);
    }
    const roleTypo = await graphql(
      node.url,
      'mutation { createUser(username: "x", password: "y", roles: [ADMN]) { id } }',
    );
    expect(roleTypo.json?.errors?.[0]?.message).not.toMatch(/Did you mean|ADMIN/);
  });
});
