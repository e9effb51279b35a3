import { eventually } from '../support/eventually.js';
import { CREATE_CASE, UPDATE_CASE, caseInput } from '../support/case-factory.js';
import { freePort } from '../support/free-port.mjs';
import { ComposeProject } from './support/compose-project.js';

/**
 * docker/compose.replicas.yml as the Docker stage builds and runs it: three kr-knpa containers on one
 * PostgreSQL container behind the HAProxy container. Officers' traffic goes through the balancer's
 * published port only. (The local harness, test/replicas/, covers alerts, delivery and more.)
 */
const REPLICAS = ['kr-knpa-1', 'kr-knpa-2', 'kr-knpa-3'];
const PASSWORD = 'docker-stage-password-2026';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through docker/ci-stage.sh, which builds the images`);
  return value;
}

describe('docker/compose.replicas.yml: three kr-knpa containers behind HAProxy', () => {
  let project: ComposeProject;
  let url = '';
  let token = '';

  async function viaBalancer<T>(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (!body.data || body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
    return { data: body.data, servedBy: response.headers.get('x-served-by') ?? '' };
  }

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    project = new ComposeProject(
      `${process.env.COMPOSE_PROJECT ?? `fednode-ci-${process.pid}`}-replicas`,
      ['docker/compose.replicas.yml'],
      {
        APP_IMAGE: requiredEnv('APP_IMAGE'),
        POSTGRES_IMAGE: requiredEnv('POSTGRES_IMAGE'),
        HAPROXY_IMAGE: requiredEnv('HAPROXY_IMAGE'),
        NODE_IMAGE: requiredEnv('NODE_IMAGE'),
        DEBIAN_IMAGE: requiredEnv('DEBIAN_IMAGE'),
        KR_KNPA_PORT: String(port),
      },
    );
    await project.compose(['up', '-d', '--no-build'], { timeoutMs: 420_000 });
    await Promise.all(REPLICAS.map((replica) => project.healthy(replica)));
    // Every replica in rotation: round robin answers from all three.
    await eventually(
      'all three replicas behind the balancer',
      async () => {
        const served = new Set<string>();
        for (let i = 0; i < 6; i += 1)
          served.add((await viaBalancer('{ nodeInfo { id } }').catch(() => ({ servedBy: '' }))).servedBy);
        return REPLICAS.every((r) => served.has(r)) ? true : undefined;
      },
      60_000,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await project.logs(['kr-knpa'], 40)}`);
    });
    await project.addUser('kr-knpa-1', 'analyst', ['ANALYST'], PASSWORD);
    token = (
      await viaBalancer<{ login: { token: string } }>(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: 'analyst', p: PASSWORD },
      )
    ).data.login.token;
  }, 600_000);

  afterAll(async () => {
    if (process.env.KEEP_COMPOSE !== '1') await project?.down();
  }, 240_000);

  it('the console and GraphQL answer through the balancer from every replica, with one login', async () => {
    const page = await fetch(`${url}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => viaBalancer<{ me: { username: string } }>('{ me { username } }')),
    );
    expect(answers.map((a) => a.data.me.username)).toEqual(Array(6).fill('analyst'));
    expect(new Set(answers.map((a) => a.servedBy))).toEqual(new Set(REPLICAS));
  });

  it('writes through all replicas at once leave one intact audit chain', async () => {
    const served = await Promise.all(
      Array.from({ length: 9 }, async () => {
        const created = await viaBalancer<{ createCase: { id: string } }>(CREATE_CASE, { input: caseInput() });
        const updated = await viaBalancer(UPDATE_CASE, {
          id: created.data.createCase.id,
          input: caseInput({ title: 'Revised after the freeze' }),
          rev: 1,
        });
        return [created.servedBy, updated.servedBy];
      }),
    );
    expect(new Set(served.flat())).toEqual(new Set(REPLICAS));
    const verified = await project.exec('kr-knpa-2', ['node', 'dist/cli/audit.cli.js']);
    expect(verified.stdout).toMatch(/audit trail of kr-knpa: \d+ entries verified/);
  });

  it('a replica stopped: the balancer takes it out and every request is still answered; started again, it is back', async () => {
    await project.compose(['stop', '-t', '20', 'kr-knpa-2']);
    const during = await Promise.all(Array.from({ length: 9 }, () => viaBalancer('{ nodeInfo { id } }')));
    expect(during.map((a) => a.servedBy)).not.toContain('kr-knpa-2');
    await project.compose(['start', 'kr-knpa-2']);
    await project.healthy('kr-knpa-2');
    await eventually(
      'kr-knpa-2 back in rotation',
      async () => {
        const answers = await Promise.all(Array.from({ length: 6 }, () => viaBalancer('{ nodeInfo { id } }')));
        return answers.some((a) => a.servedBy === 'kr-knpa-2') ? true : undefined;
      },
      60_000,
    );
  });
});
