import { Role } from '../../src/kernel/vocabulary/role.js';
import { TestNode } from '../support/test-node.js';
import { LOGIN, http } from './support/api-attacker.js';

// Issue #19 (replicas behind a balancer): every request reaches a replica from the balancer's address,
// so the per-address login limit counted every officer together and five wrong passwords from one
// attacker locked everyone out. A balancer named in listen.trustedProxies gives each officer's address
// through X-Forwarded-For; a client that is not a trusted balancer cannot use the header to escape.
const BALANCER = '127.0.0.2';

function loginThrough(node: TestNode, username: string, password: string, forwardedFor?: string) {
  return http(`${node.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
    localAddress: BALANCER,
  });
}

const codeOf = (answer: Awaited<ReturnType<typeof loginThrough>>) => answer.json?.errors?.[0]?.extensions?.code;

async function failFiveTimes(node: TestNode, username: string, forwardedFor?: string): Promise<void> {
  for (let i = 0; i < 5; i += 1)
    expect(codeOf(await loginThrough(node, username, `guess-${i}-wrong`, forwardedFor))).toBe('UNAUTHENTICATED');
}

describe('login limits behind a trusted balancer count each officer address', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await TestNode.start('sec_balancer', {
      listen: { host: '127.0.0.1', port: 4000, trustedProxies: ['loopback'] },
    });
  });
  afterAll(() => node?.stop());

  it("lets an officer log in through the balancer while an attacker's address behind it is throttled", async () => {
    const victim = await node.createOfficer('officer-behind', [Role.ANALYST]);
    await failFiveTimes(node, victim.username, '203.0.113.66');
    expect(codeOf(await loginThrough(node, victim.username, victim.password, '203.0.113.66'))).toBe('RATE_LIMITED');
    const own = await loginThrough(node, victim.username, victim.password, '198.51.100.7');
    expect(own.json?.errors).toBeUndefined();
    expect((own.json?.data?.login as { token?: string }).token).toEqual(expect.any(String));
  });
});

describe('without trusted balancers, X-Forwarded-For is ignored', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await TestNode.start('sec_no_balancer');
  });
  afterAll(() => node?.stop());

  it('throttles the connecting address, whatever address the header claims', async () => {
    const victim = await node.createOfficer('officer-direct', [Role.ANALYST]);
    await failFiveTimes(node, victim.username, '203.0.113.66');
    // A fresh forged address does not escape the limit of the address that connects.
    expect(codeOf(await loginThrough(node, victim.username, victim.password, '198.51.100.99'))).toBe('RATE_LIMITED');
  });
});
