import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { createDevFederation, pkiPaths } from '../../src/identity/dev-federation.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { freePort } from '../support/free-port.mjs';
import { NodeProcess } from '../support/node-process.js';
import { createTestDatabase } from '../support/test-database.js';
import { TestNode } from '../support/test-node.js';

/**
 * Issue #19, the first hour: what a user meets when something is missing or taken says what to do,
 * never a server path (also #14's "approveShare error returned a server file path").
 */
const made: string[] = [];
function openTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o711); // as root, the embedded PostgreSQL's account passes through (x only)
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Holds a TCP port on 127.0.0.1, as another program would. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const port = await freePort();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, server };
}

describe('first start: approving a share for a partner whose certificate the node lacks', () => {
  const pkiDir = openTempDir('fednode-first-start-pki-');
  const installedCa = path.join(pkiDir, 'installed', 'kh-cnp-ca.crt');
  let node: TestNode;
  let shareId: string;
  let liaison: string;

  beforeAll(async () => {
    // kh-cnp's CA is expected where an administrator installs it, not in the dev folder: nothing is set up for it.
    node = await TestNode.start(
      'first_start',
      { peers: [{ id: 'kh-cnp', url: 'https://127.0.0.1:9' }], trust: { anchors: [installedCa] } },
      pkiDir,
    );
    const analyst = await node.officerToken('analyst', [Role.ANALYST]);
    liaison = await node.officerToken('liaison', [Role.LIAISON_OFFICER]);
    const created = await node.graphql<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput({ offenceCategories: ['ONLINE_SCAM'] }) },
      analyst,
    );
    const requested = await node.graphql<{ requestShare: { id: string; status: string }[] }>(
      'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: INVESTIGATION) { id status } }',
      { c: created.data!.createCase.id },
      analyst,
    );
    expect(requested.data?.requestShare[0].status).toBe('PENDING_APPROVAL');
    shareId = requested.data!.requestShare[0].id;
  }, 180_000);

  afterAll(async () => {
    await node?.stop();
  });

  const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { status packetId } }';

  it('is refused with CONFLICT saying what to do, never where a file is; the share stays pending', async () => {
    const answer = await node.graphql(APPROVE, { id: shareId }, liaison);
    const error = answer.errors?.[0];
    expect(error?.extensions?.code).toBe('CONFLICT');
    expect(error?.message).toContain('kh-cnp');
    expect(error?.message).toContain('npm run pki -- dev-federation');
    expect(error?.message).not.toContain(pkiDir);
    expect(error?.message).not.toMatch(/\/[\w.-]+\//); // no path at all
    const status = await node.graphql<{ shareRequest: { status: string } }>(
      'query ($id: ID!) { shareRequest(id: $id) { status } }',
      { id: shareId },
      liaison,
    );
    expect(status.data?.shareRequest.status).toBe('PENDING_APPROVAL');
    // The operator finds the file in the node's log.
    expect(node.logLines.some((l) => l.includes('identity.peer_certificate_missing') && l.includes(pkiDir))).toBe(true);
  });

  it('succeeds once the certificate and its CA are installed, without a restart', async () => {
    await createDevFederation({ dataDir: pkiDir, nodeIds: ['kh-cnp'] });
    mkdirSync(path.dirname(installedCa), { recursive: true });
    copyFileSync(pkiPaths(pkiDir).caCert('kh-cnp'), installedCa);
    const answer = await node.graphql<{ approveShare: { status: string; packetId: string } }>(
      APPROVE,
      { id: shareId },
      liaison,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.approveShare.status).toBe('APPROVED');
  });
});

describe('first start: a port already taken', () => {
  const running: NodeProcess[] = [];
  const held: Server[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.stop('SIGKILL')));
    for (const server of held.splice(0)) server.close();
  });

  async function refused(env: Record<string, string>): Promise<NodeProcess> {
    const node = new NodeProcess(env);
    running.push(node);
    expect(await node.exitCode()).toBe(1);
    expect(node.stderr).toContain('The node did not start.');
    expect(node.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
    return node;
  }

  it("by another program on the embedded database's port: names FEDNODE_DATABASE__EMBEDDED_PORT", async () => {
    const { port, server } = await holdPort();
    held.push(server);
    const node = await refused({
      FEDNODE_DATA_DIR: openTempDir('fednode-first-start-db-'),
      FEDNODE_DATABASE__EMBEDDED_PORT: String(port),
      DATABASE_URL: '',
      PORT: String(await freePort()),
      FEDERATION_PORT: String(await freePort()),
    });
    expect(node.stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
    expect(node.stderr).toContain('FEDNODE_DATABASE__EMBEDDED_PORT=');
  }, 180_000);

  it.each([
    ['PORT', "the officers' API"],
    ['FEDERATION_PORT', 'the federation endpoint'],
  ])(
    'on %s: names the variable to change',
    async (variable, what) => {
      const { port, server } = await holdPort();
      held.push(server);
      const env: Record<string, string> = {
        DATABASE_URL: await createTestDatabase('first_start_port'),
        FEDNODE_DATA_DIR: openTempDir('fednode-first-start-port-'),
        PORT: String(await freePort()),
        FEDERATION_PORT: String(await freePort()),
      };
      env[variable] = String(port);
      const node = await refused(env);
      expect(node.stderr).toContain(`${what} cannot listen on 127.0.0.1:${port}`);
      expect(node.stderr).toContain(`${variable}=<port>`);
    },
    180_000,
  );
});

describe('first start: where to go next', () => {
  it('the start-up line names the console and the exact command for the first administrator; GET / leads there', async () => {
    const port = await freePort();
    const dataDir = openTempDir('fednode-first-start-line-');
    const node = new NodeProcess({
      NODE_CONFIG: 'config/kh-gdce.yaml',
      DATABASE_URL: await createTestDatabase('first_start_line'),
      FEDNODE_DATA_DIR: dataDir,
      PORT: String(port),
      FEDERATION_PORT: String(await freePort()),
    });
    try {
      const started = await node.waitForLog('node.started', 120_000);
      const url = `http://127.0.0.1:${port}`;
      expect(started.console).toBe(`${url}/console/`);
      expect(started.msg).toContain(`console ${url}/console/`);
      expect(started.firstAdministrator).toBe(
        `NODE_CONFIG=config/kh-gdce.yaml FEDNODE_DATA_DIR=${dataDir} npm run user -- add --username admin --role ADMIN (with the same DATABASE_URL)`,
      );
      expect(started.msg).toContain(`create the first administrator with: ${String(started.firstAdministrator)}`);
      const root = await fetch(`${url}/`, { redirect: 'manual' });
      expect({ status: root.status, location: root.headers.get('location') }).toEqual({
        status: 302,
        location: '/console/',
      });
    } finally {
      await node.stop('SIGINT');
    }
  }, 180_000);
});
