import { Role } from '../../src/kernel/vocabulary/role.js';
import { sql } from '../support/test-database.js';
import { TestNode } from '../support/test-node.js';

const CREATE_USER = `mutation ($u: String!, $p: String!, $r: [Role!]!) { createUser(username: $u, password: $p, roles: $r) { id username roles disabled } }`;
const DISABLE_USER = `mutation ($u: String!) { disableUser(username: $u) { username disabled } }`;
const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt } }`;

describe('officer accounts and authentication', () => {
  let node: TestNode;
  let adminToken: string;

  beforeAll(async () => {
    node = await TestNode.start('auth', {
      auth: {
        loginLimitPerUser: { maxFailures: 3, windowSeconds: 600 },
        loginLimitPerAddress: { maxFailures: 1000, windowSeconds: 600 },
      },
    });
    adminToken = await node.officerToken('root-admin', [Role.ADMIN]);
  });
  afterAll(() => node.stop());

  it('answers nodeInfo without a token', async () => {
    const response = await node.graphql('{ nodeInfo { id name country version } }');
    expect(response.data).toEqual({
      nodeInfo: { id: 'kr-knpa', name: 'Korean National Police Agency', country: 'KR', version: expect.any(String) },
    });
  });

  it('logs in with the right password and returns an expiring token', async () => {
    await node.createOfficer('analyst-kim', [Role.ANALYST], 'kim-password-123');
    const response = await node.graphql<{ login: { token: string; expiresAt: string } }>(LOGIN, {
      u: 'Analyst-Kim',
      p: 'kim-password-123',
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.login.token.split('.')).toHaveLength(3);
    expect(new Date(response.data!.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await node.graphql('{ me { username roles } }', {}, response.data!.login.token);
    expect(me.data).toEqual({ me: { username: 'analyst-kim', roles: ['ANALYST'] } });
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    await node.createOfficer('officer-lee', [Role.LIAISON_OFFICER], 'lee-password-123');
    const wrong = await node.graphql(LOGIN, { u: 'officer-lee', p: 'not-the-password' });
    const unknown = await node.graphql(LOGIN, { u: 'nobody-here', p: 'not-the-password' });
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });

  it('refuses a mutation without a token with UNAUTHENTICATED', async () => {
    const response = await node.graphql(CREATE_USER, { u: 'intruder', p: 'intruder-password', r: ['ADMIN'] });
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data ?? null).toBeNull();
  });

  it('refuses a forged or expired-looking token with UNAUTHENTICATED', async () => {
    const [header, payload] = adminToken.split('.');
    const response = await node.graphql('{ users { username } }', {}, `${header}.${payload}.c2lnbmF0dXJl`);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a mutation with the wrong role with FORBIDDEN', async () => {
    const analyst = await node.officerToken('analyst-park', [Role.ANALYST]);
    const response = await node.graphql(CREATE_USER, { u: 'sneaky', p: 'sneaky-password-1', r: ['ADMIN'] }, analyst);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await sql(node.databaseUrl, 'SELECT 1 FROM officer_account WHERE username = $1', ['sneaky'])).toHaveLength(
      0,
    );
  });

  it('lets an ADMIN create a user with several roles, who can then log in', async () => {
    const created = await node.graphql(
      CREATE_USER,
      { u: 'Auditor.Choi', p: 'choi-password-123', r: ['AUDITOR', 'ANALYST'] },
      adminToken,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data).toEqual({
      createUser: { id: expect.any(String), username: 'auditor.choi', roles: ['AUDITOR', 'ANALYST'], disabled: false },
    });
    const [row] = await sql<{ password_hash: string }>(
      node.databaseUrl,
      'SELECT password_hash FROM officer_account WHERE username = $1',
      ['auditor.choi'],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    await expect(node.login('auditor.choi', 'choi-password-123')).resolves.toEqual(expect.any(String));
  });

  it('refuses bad input naming the field, and a duplicate username with CONFLICT', async () => {
    const shortPassword = await node.graphql(CREATE_USER, { u: 'new-user', p: 'short', r: ['ANALYST'] }, adminToken);
    expect(shortPassword.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const badName = await node.graphql(CREATE_USER, { u: 'x', p: 'long-enough-password', r: ['ANALYST'] }, adminToken);
    expect(badName.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    const badRole = await node.graphql(
      CREATE_USER,
      { u: 'new-user', p: 'long-enough-password', r: ['SUPERUSER'] },
      adminToken,
    );
    expect(badRole.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badRole.errors?.[0].message).toContain('SUPERUSER');
    const noRole = await node.graphql(CREATE_USER, { u: 'new-user', p: 'long-enough-password', r: [] }, adminToken);
    expect(noRole.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    const duplicate = await node.graphql(
      CREATE_USER,
      { u: 'ROOT-ADMIN', p: 'long-enough-password', r: ['ANALYST'] },
      adminToken,
    );
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('disables a user: their token stops working at once and they cannot log in', async () => {
    const token = await node.officerToken('leaving-officer', [Role.ANALYST]);
    const disabled = await node.graphql(DISABLE_USER, { u: 'leaving-officer' }, adminToken);
    expect(disabled.data).toEqual({ disableUser: { username: 'leaving-officer', disabled: true } });
    expect((await node.graphql('{ me { username } }', {}, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const login = await node.graphql(LOGIN, { u: 'leaving-officer', p: 'leaving-officer-password-123' });
    expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await node.graphql(DISABLE_USER, { u: 'no-such-user' }, adminToken)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await node.graphql(DISABLE_USER, { u: 'root-admin' }, adminToken)).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
  });

  it('rate limits failed logins per user from an address, even with the right password afterwards, and records every attempt it checked', async () => {
    await node.createOfficer('target-user', [Role.ANALYST], 'target-password-123');
    for (let i = 0; i < 3; i += 1) {
      expect((await node.graphql(LOGIN, { u: 'target-user', p: `guess-${i}` })).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const limited = await node.graphql(LOGIN, { u: 'target-user', p: 'target-password-123' });
    expect(limited.errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    const attempts = await sql<{ outcome: string; client_address: string }>(
      node.databaseUrl,
      'SELECT outcome, client_address FROM login_attempt WHERE username = $1 ORDER BY id',
      ['target-user'],
    );
    // The refused attempt was not checked: it counts in its source's burst (audited once per burst).
    expect(attempts.map((a) => a.outcome)).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS']);
    expect(attempts[0].client_address).toMatch(/127\.0\.0\.1/);
    const refusals = await sql<{ refusals: number }>(
      node.databaseUrl,
      'SELECT refusals FROM login_refusal WHERE username = $1',
      ['target-user'],
    );
    expect(refusals).toEqual([{ refusals: 1 }]);
  });
});

describe('login rate limit per client address', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await TestNode.start('ratelimit', {
      auth: {
        loginLimitPerUser: { maxFailures: 100, windowSeconds: 600 },
        loginLimitPerAddress: { maxFailures: 4, windowSeconds: 600 },
      },
    });
  });
  afterAll(() => node.stop());

  it('refuses further logins from an address that failed too often, whatever the username', async () => {
    await node.createOfficer('innocent-user', [Role.ANALYST], 'innocent-password-1');
    for (let i = 0; i < 4; i += 1) await node.graphql(LOGIN, { u: `spray-${i}`, p: 'password-guess' });
    const response = await node.graphql(LOGIN, { u: 'innocent-user', p: 'innocent-password-1' });
    expect(response.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(response.errors?.[0].message).toContain('this address');
  });
});
