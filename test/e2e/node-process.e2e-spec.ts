import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.mjs';
import { NodeProcess, runCli } from '../support/node-process.js';
import { createTestDatabase } from '../support/test-database.js';

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, { token?: string } & Record<string, unknown>>;
    errors?: { message: string; extensions: { code: string } }[];
  };
}

const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fednode-process-'));
  chmodSync(dir, 0o711); // as root, the embedded PostgreSQL's user passes through it (x only)
  return dir;
}

describe('the node as a process (npm start)', () => {
  const running: NodeProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.stop('SIGKILL')));
  });

  it('exits non-zero before starting anything when the config has a wrong key, naming the file and the key', async () => {
    const file = path.join(tempDir(), 'broken.yaml');
    writeFileSync(
      file,
      'id: kr-knpa\nname: x\ncountry: KR\nlisten: { port: 4000, hots: 127.0.0.1 }\nfederation: { port: 4100 }\ndatabase: { embeddedPort: 5433 }\n',
    );
    const port = await freePort();
    const node = new NodeProcess({ NODE_CONFIG: file, PORT: String(port) });
    running.push(node);
    expect(await node.exitCode()).toBe(2);
    expect(node.stderr).toContain(file);
    expect(node.stderr).toContain('listen.hots: unknown key');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });

  it('serves GraphQL on the configured database, logs where, creates users from the CLI while running, and stops cleanly', async () => {
    const databaseUrl = await createTestDatabase('process');
    const port = await freePort();
    const env = {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      FEDNODE_TAXII__PORT: String(await freePort()),
      FEDNODE_DATA_DIR: tempDir(),
      NODE_CONFIG: 'config/kh-gdce.yaml',
    };
    const node = new NodeProcess(env);
    running.push(node);
    const started = await node.waitForLog('node.started');
    const url = `http://127.0.0.1:${port}`;
    expect(started.graphql).toBe(`${url}/graphql`);
    // The test cluster is reached through its Unix socket (or 127.0.0.1 when its path is too long for one).
    expect(started.database).toMatch(/^PostgreSQL at (127\.0\.0\.1:\d+\/|\S+ \(Unix socket\), database )process_/);
    expect(JSON.stringify(started)).not.toContain(new URL(databaseUrl).password);

    expect((await graphql(url, '{ nodeInfo { id } }')).data).toEqual({ nodeInfo: { id: 'kh-gdce' } });

    const password = 'cli-created-password-55';
    const added = await runCli(
      'dist/cli/user.cli.js',
      ['add', '--username', 'duty-officer', '--role', 'LIAISON_OFFICER,ANALYST'],
      env,
      `${password}\n`,
    );
    expect(added).toMatchObject({ code: 0, stdout: 'created user duty-officer with roles LIAISON_OFFICER, ANALYST\n' });
    const login = await graphql(url, LOGIN, { u: 'duty-officer', p: password });
    const token = login.data?.login.token as string;
    expect(token).toEqual(expect.any(String));
    expect((await graphql(url, '{ me { roles } }', {}, token)).data).toEqual({
      me: { roles: ['LIAISON_OFFICER', 'ANALYST'] },
    });
    expect((await graphql(url, '{ users { username } }', {}, token)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    expect(await node.stop('SIGTERM')).toBe(0);
    expect(node.logEntries().some((entry) => entry.event === 'node.stopped')).toBe(true);
    expect(node.stdout + node.stderr).not.toContain(password);
    expect(node.stdout + node.stderr).not.toContain(token);
  });

  it('in production mode refuses to start without its keys, naming what is missing', async () => {
    const dataDir = path.join(tempDir(), 'kr-knpa');
    const node = new NodeProcess({
      NODE_MODE: 'production',
      FEDNODE_DATA_DIR: dataDir,
      FEDNODE_KEY_PASSPHRASE: 'a production passphrase',
      DATABASE_URL: await createTestDatabase('prod'),
      PORT: String(await freePort()),
    });
    running.push(node);
    expect(await node.exitCode()).toBe(1);
    const fatal = node.logEntries().find((entry) => entry.level === 60) as { err?: { message?: string } } | undefined;
    expect(fatal?.err?.message).toContain(path.join(dataDir, 'keys'));
    expect(fatal?.err?.message).toMatch(/missing/i);
    expect(node.stdout).not.toContain('a production passphrase');
  });

  it('refuses bad CLI input with a clear message and a non-zero exit', async () => {
    const env = { DATABASE_URL: await createTestDatabase('cli'), FEDNODE_DATA_DIR: tempDir() };
    const badRole = await runCli(
      'dist/cli/user.cli.js',
      ['add', '--username', 'someone', '--role', 'CHIEF'],
      env,
      'long-enough-password\n',
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('unknown role(s) "CHIEF"');
    const shortPassword = await runCli(
      'dist/cli/user.cli.js',
      ['add', '--username', 'someone', '--role', 'ANALYST'],
      env,
      'short\n',
    );
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.stderr).toContain('password: must be at least 12 characters');
    const noUsername = await runCli('dist/cli/user.cli.js', ['add', '--role', 'ANALYST'], env);
    expect(noUsername.code).toBe(1);
    expect(noUsername.stderr).toContain('add needs --username');
  });

  it('with no DATABASE_URL runs an embedded PostgreSQL under its data folder, stops it on SIGINT and reuses the data', async () => {
    const dataDir = tempDir();
    const pgPort = await freePort();
    const port = await freePort();
    const env = {
      FEDNODE_DATA_DIR: dataDir,
      FEDNODE_DATABASE__EMBEDDED_PORT: String(pgPort),
      PORT: String(port),
      DATABASE_URL: '',
    };
    const url = `http://127.0.0.1:${port}`;

    // The CLI works while the node is down: it starts the embedded database itself and stops it again.
    const added = await runCli(
      'dist/cli/user.cli.js',
      ['add', '--username', 'first-admin', '--role', 'ADMIN'],
      env,
      'first-admin-password\n',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);

    const first = new NodeProcess(env);
    running.push(first);
    const started = await first.waitForLog('node.started', 120_000);
    expect(started.database).toContain(path.join(dataDir, 'postgres'));
    const token = (await graphql(url, LOGIN, { u: 'first-admin', p: 'first-admin-password' })).data?.login
      .token as string;
    const created = await graphql(
      url,
      'mutation { createUser(username: "second-analyst", password: "second-password-1", roles: [ANALYST]) { username } }',
      {},
      token,
    );
    expect(created.data).toEqual({ createUser: { username: 'second-analyst' } });
    expect(await first.stop('SIGINT')).toBe(0);

    const client = new pg.Client({
      host: '127.0.0.1',
      port: pgPort,
      user: 'postgres',
      database: 'postgres',
      connectionTimeoutMillis: 2000,
    });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow();

    const second = new NodeProcess(env);
    running.push(second);
    await second.waitForLog('node.started', 120_000);
    const again = await graphql(url, LOGIN, { u: 'second-analyst', p: 'second-password-1' });
    expect(again.data?.login.token).toEqual(expect.any(String));
    expect(await second.stop('SIGTERM')).toBe(0);
  });
});
