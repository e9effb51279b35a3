import { readFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { renderSchemaFile } from '../../src/graphql/schema-file.js';
import { sql } from '../support/test-database.js';
import { TestNode } from '../support/test-node.js';

describe('the GraphQL API', () => {
  let node: TestNode;
  let adminToken: string;

  beforeAll(async () => {
    node = await TestNode.start('graphql', { graphql: { maxDepth: 10, maxComplexity: 50 } });
    adminToken = await node.officerToken('gql-admin', [Role.ADMIN]);
  });
  afterAll(() => node.stop());

  it('serves exactly the checked-in schema.graphql (run `npm run schema` after changing resolvers)', () => {
    const served = renderSchemaFile(node.app().get(GraphQLSchemaHost).schema);
    expect(readFileSync('schema.graphql', 'utf8')).toBe(served);
    expect(printSchema(node.app().get(GraphQLSchemaHost).schema)).toContain('nodeInfo: NodeInfo!');
  });

  it('refuses a query above the complexity limit with BAD_USER_INPUT', async () => {
    const wide = `{ ${Array.from({ length: 30 }, (_, i) => `n${i}: nodeInfo { id name }`).join(' ')} }`;
    const response = await node.graphql(wide);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(response.errors?.[0].message).toMatch(/too complex/);
  });

  it('answers malformed operations and variables with BAD_USER_INPUT', async () => {
    expect((await node.graphql('{ nodeInfo { id ')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await node.graphql('{ noSuchField }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badVariable = await node.graphql(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: 1 },
    );
    expect(badVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('turns an unexpected failure into INTERNAL without leaking SQL, stack traces or paths', async () => {
    await sql(node.databaseUrl, 'ALTER TABLE officer_account RENAME TO officer_account_moved');
    try {
      const response = await node.graphql('{ users { username } }', {}, adminToken);
      const text = JSON.stringify(response);
      expect(response.errors?.[0].extensions).toEqual({ code: 'INTERNAL' });
      expect(text).not.toMatch(/officer_account|SELECT|relation|stack|\/work\/|node_modules|\.ts:|\.js:/i);
    } finally {
      await sql(node.databaseUrl, 'ALTER TABLE officer_account_moved RENAME TO officer_account');
    }
  });

  it('reports liveness and database readiness', async () => {
    expect(await (await fetch(`${node.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${node.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('writes structured JSON logs with a request id and never a password or token', async () => {
    const password = 'Very-Secret-Passphrase-7731';
    const token = await node.officerToken('log-watcher', [Role.ANALYST]);
    await node.graphql(
      'mutation ($u: String!, $p: String!, $r: [Role!]!) { createUser(username: $u, password: $p, roles: $r) { id } }',
      { u: 'logged-user', p: password, r: ['ANALYST'] },
      adminToken,
    );
    await node.graphql('mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: 'logged-user',
      p: password,
    });
    await node.graphql('mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: 'logged-user',
      p: `${password}-wrong`,
    });
    await node.graphql('{ me { username } }', {}, token, { 'x-request-id': 'trace-me-42' });

    const parsed = node.logLines.map((line) => JSON.parse(line) as { req?: { id?: string } });
    expect(parsed.some((entry) => entry.req?.id === 'trace-me-42')).toBe(true);
    const all = node.logLines.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain(token);
    expect(all).not.toContain(adminToken);
    expect(all).not.toMatch(/Bearer /);
  });
});
