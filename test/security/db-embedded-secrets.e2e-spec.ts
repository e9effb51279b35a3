import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres, type RunningDatabase } from '../../src/database/embedded-postgres.js';
import { freePort } from '../support/free-port.mjs';
import { sql } from '../support/test-database.js';
import { authRequestOf, ClusterInNetns } from './support/db-cluster.js';
import { LocalUser, RUNS_AS_ROOT } from './support/db-local-user.js';

/**
 * #14 item 9: the embedded PostgreSQL a node starts keeps its secrets from the other users of the
 * machine. Each test runs the attack of the security review against the real embedded cluster.
 * The attacker ("another local user") and the second network namespace need root, which CI has.
 */
const REPO = path.resolve('.');
const asRoot = RUNS_AS_ROOT ? describe : describe.skip;

/** A folder the postgres user may pass through, created by the test itself (not by the node). */
function openTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o711);
  return dir;
}

asRoot('security: the embedded database keeps its secrets (#14 item 9)', () => {
  const dirs: string[] = [];
  const running: RunningDatabase[] = [];
  afterAll(async () => {
    for (const database of running) await database.stop().catch(() => undefined);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('another local user, watching a first start, never reads the superuser password and cannot connect as superuser', async () => {
    const root = openTempDir('fednode-sec-db-');
    dirs.push(root);
    const dataDir = path.join(root, 'node');
    const port = await freePort();
    // The attacker watches the shared temporary folder and the node's folder from before the first start.
    const attacker = new LocalUser(REPO, port, [root]);
    await attacker.watching();
    const database = await startEmbeddedPostgres({ dataDir, port, databaseName: 'postgres' });
    running.push(database);
    const report = await attacker.finish();

    const password = readFileSync(path.join(dataDir, 'secrets', 'postgres-password'), 'utf8').trim();
    const leaked = report.read.filter((file) => file.content.includes(password)).map((file) => file.file);
    expect({ leaked, connectedAsSuperuser: report.connectedAsSuperuser }).toEqual({
      leaked: [],
      connectedAsSuperuser: null,
    });
    // Not vacuous: the attacker did get to try (the server answered it, and it refused the login).
    expect(report.attempts.length).toBeGreaterThan(0);
  });

  it('the server asks clients for SCRAM-SHA-256, never a cleartext or MD5 password, and stores SCRAM verifiers', async () => {
    const root = openTempDir('fednode-sec-scram-');
    dirs.push(root);
    const port = await freePort();
    const database = await startEmbeddedPostgres({ dataDir: path.join(root, 'node'), port, databaseName: 'postgres' });
    running.push(database);

    const request = await authRequestOf(port);
    expect({ code: request.code, mechanisms: request.mechanisms }).toEqual({
      code: 10,
      mechanisms: expect.arrayContaining(['SCRAM-SHA-256']),
    });
    const [{ password_encryption }] = await sql<{ password_encryption: string }>(
      database.url,
      'SHOW password_encryption',
    );
    expect(password_encryption).toBe('scram-sha-256');
    const roles = await sql<{ rolname: string; rolpassword: string | null }>(
      database.url,
      'SELECT rolname, rolpassword FROM pg_authid WHERE rolpassword IS NOT NULL',
    );
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(role.rolpassword).toMatch(/^SCRAM-SHA-256\$/);
    const rules = await sql<{ auth_method: string }>(
      database.url,
      'SELECT DISTINCT auth_method FROM pg_hba_file_rules',
    );
    expect(rules.map((rule) => rule.auth_method)).toEqual(['scram-sha-256']);
  });

  it('the Unix socket and its lock live in the data folder, so two clusters on one port in two network namespaces both run', async () => {
    const root = openTempDir('fednode-sec-socket-');
    dirs.push(root);
    const port = await freePort();
    const first = new ClusterInNetns(REPO, path.join(root, 'checkout-a'), port);
    const second = new ClusterInNetns(REPO, path.join(root, 'checkout-b'), port);
    try {
      const outcomes = [await first.started(), await second.started()];
      expect(outcomes).toEqual(['ready', 'ready']);
      expect(existsSync(path.join(tmpdir(), `.s.PGSQL.${port}.lock`))).toBe(false);
      expect(existsSync(path.join(tmpdir(), `.s.PGSQL.${port}`))).toBe(false);
      for (const checkout of ['checkout-a', 'checkout-b']) {
        expect(statSync(path.join(root, checkout, 'postgres', `.s.PGSQL.${port}`)).isSocket()).toBe(true);
      }
    } finally {
      expect(await first.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
    }
  });

  it('started as root, it never opens up the folders above the data folder: it says which folder and what is needed', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fednode-sec-closed-')); // 0700, as mkdtemp makes it
    dirs.push(root);
    const private0700 = path.join(root, 'home');
    mkdirSync(private0700, { mode: 0o700 });
    const dataDir = path.join(private0700, 'fed-node', 'data', 'kr-knpa');
    const port = await freePort();

    let failure: Error | undefined;
    await startEmbeddedPostgres({ dataDir, port, databaseName: 'postgres' }).then(
      (database) => running.push(database),
      (error: Error) => (failure = error),
    );
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(statSync(private0700).mode & 0o777).toBe(0o700);
    expect(failure?.message).toContain(`${root} `);
    expect(failure?.message).toContain(`${private0700} `);
    expect(failure?.message).toMatch(/runs as the system user "postgres"/);
    expect(failure?.message).toContain(`setfacl -m u:postgres:x ${root} ${private0700}`);
    expect(failure?.message).toContain('DATABASE_URL');

    // Once the user allows the postgres user through (search only, as the message says), it starts.
    chmodSync(root, 0o711);
    chmodSync(private0700, 0o711);
    const database = await startEmbeddedPostgres({ dataDir, port, databaseName: 'postgres' });
    running.push(database);
    expect((await sql<{ one: number }>(database.url, 'SELECT 1 AS one'))[0].one).toBe(1);
  });
});
