// A real fed-node process configured, as README "Configuration" and PKI.md describe, to trust partner th-dsi.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from '../support/free-port.mjs';
import { NodeProcess, runCli } from '../support/node-process.js';
import { PartnerNode } from './partner/partner-node.js';

export const NODE_ID = 'kr-knpa';
export const PARTNER_ID = 'th-dsi';
export const PASSWORD = 'interop-password-2026';

// What kr-knpa lets th-dsi have and accepts from it (config/policies/*.yaml is the model).
const POLICIES = `
outbound:
  ${PARTNER_ID}:
    offenceCategories: [ONLINE_SCAM, MONEY_LAUNDERING]
    purposes: [INVESTIGATION, INTELLIGENCE_PICTURE]
    tlpCeiling: AMBER
    dataCategories: [PERSONS, DATES_OF_BIRTH, TRANSACTIONS, WALLET_AND_ACCOUNT_IDENTIFIERS, PHONE_AND_HANDLE_IDENTIFIERS, SUMMARY]
    transforms:
      - { path: "subjects[].dateOfBirth", transform: GENERALISE_YEAR }
    onwardSharing: { allowed: false }
    retentionDays: 365
    approvalMode: LIAISON_OFFICER
    watchlistCategories: [ONLINE_SCAM]
inbound:
  ${PARTNER_ID}:
    offenceCategories: [ONLINE_SCAM, MONEY_LAUNDERING]
    tlpCeiling: AMBER
    maxRetentionDays: 365
    acceptRelayed: false
`;

export interface NodeUnderTest {
  graphqlUrl: string;
  peerUrl: string;
  /** The node's agency CA, which the partner installs as its trust anchor for kr-knpa. */
  caPem: string;
  process: NodeProcess;
  stop: () => Promise<void>;
}

export interface StartOptions {
  dir: string;
  partnerUrl: string;
  partnerAnchorPem: string;
  partnerFingerprint: string;
  partnerCertificatePem: string;
}

/** Creates a database on the test PostgreSQL for this node; returns its URL and a drop function. */
async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (!admin) throw new Error('TEST_PG_ADMIN_URL is not set (jest global setup)');
  const name = `interop_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function startNode(o: StartOptions): Promise<NodeUnderTest> {
  const [httpPort, federationPort] = [await freePort(), await freePort()];
  const db = await createDatabase();
  mkdirSync(join(o.dir, 'trust/anchors'), { recursive: true });
  const partnerAnchor = join(o.dir, `trust/anchors/${PARTNER_ID}.crt`);
  writeFileSync(partnerAnchor, o.partnerAnchorPem);
  writeFileSync(join(o.dir, 'policies.yaml'), POLICIES);
  // The node seals to the X25519 key of this file (without it: <pkiDir>/<peer>/tls/node.crt).
  const partnerCertificate = join(o.dir, `${PARTNER_ID}.crt`);
  writeFileSync(partnerCertificate, o.partnerCertificatePem);
  const configFile = join(o.dir, `${NODE_ID}.yaml`);
  writeFileSync(
    configFile,
    `id: ${NODE_ID}
name: Korean National Police Agency (interop test)
country: KR
mode: development
dataDir: ${join(o.dir, NODE_ID)}
listen: { host: 127.0.0.1, port: ${httpPort} }
federation: { host: 127.0.0.1, port: ${federationPort}, retryBaseSeconds: 1, maxRetryDelaySeconds: 2 }
peers:
  - id: ${PARTNER_ID}
    url: ${o.partnerUrl}
    certificateFingerprint: "${o.partnerFingerprint}"
    certificateFile: ${partnerCertificate}
# README: embeddedPort is used only without DATABASE_URL, yet the config refuses to load without it.
database: { embeddedPort: ${await freePort()} }
identity: { agencyId: ${NODE_ID}, pkiDir: ${o.dir} }
trust:
  anchors:
    - ${join(o.dir, `ca/${NODE_ID}/ca.crt`)}
    - ${partnerAnchor}
policies: { file: ${join(o.dir, 'policies.yaml')} }
`,
  );
  const env = {
    NODE_CONFIG: configFile,
    DATABASE_URL: db.url,
    FEDNODE_KEY_PASSPHRASE: randomBytes(18).toString('base64url'),
    LOG_LEVEL: 'info',
  };
  // PKI.md "Commands": the node's agency CA, then its keys and certificate.
  for (const args of [
    ['init-ca', '--agency', NODE_ID, '--data-dir', o.dir],
    ['issue', '--node', NODE_ID, '--data-dir', o.dir],
  ]) {
    const r = await runCli('dist/cli/pki.cli.js', args, env);
    if (r.code !== 0) throw new Error(`pki ${args[0]} failed: ${r.stdout}\n${r.stderr}`);
  }
  for (const [username, role] of [
    ['analyst', 'ANALYST'],
    ['liaison', 'LIAISON_OFFICER'],
    ['admin', 'ADMIN'],
  ]) {
    const r = await runCli(
      'dist/cli/user.cli.js',
      ['add', '--username', username, '--role', role],
      env,
      `${PASSWORD}\n`,
    );
    if (r.code !== 0) throw new Error(`user add ${username} failed: ${r.stdout}\n${r.stderr}`);
  }
  const node = new NodeProcess(env);
  await node.waitForLog('node.started');
  return {
    graphqlUrl: `http://127.0.0.1:${httpPort}/graphql`,
    peerUrl: `https://127.0.0.1:${federationPort}`,
    caPem: readFileSync(join(o.dir, `ca/${NODE_ID}/ca.crt`), 'utf8'),
    process: node,
    stop: async () => {
      await node.stop();
      await db.drop();
    },
  };
}

/** The officers' GraphQL API (README "The first administrator"): errors are thrown with their code. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (json.errors?.length) throw new Error(json.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; '));
  return json.data as T;
}

export async function login(url: string, username: string): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(
    url,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: PASSWORD },
  );
  return data.login.token;
}

export { eventually } from '../support/eventually.js';

export interface Interop {
  partner: PartnerNode;
  node: NodeUnderTest;
  /** kr-knpa as a recipient: its X25519 key, from the certificate it presents in the TLS handshake. */
  nodeKeys: { nodeId: string; x25519PublicKey: Uint8Array };
  analyst: string;
  liaison: string;
  stop: () => Promise<void>;
}

/** th-dsi and a kr-knpa process that trust each other by configuration only (README, PKI.md). */
export async function startInterop(dir: string): Promise<Interop> {
  const partner = await PartnerNode.create(PARTNER_ID);
  await partner.listen([NODE_ID]);
  const node = await startNode({
    dir,
    partnerUrl: partner.url,
    partnerAnchorPem: partner.ca.certificatePem,
    partnerFingerprint: partner.fingerprint,
    partnerCertificatePem: partner.certificatePem,
  });
  partner.trust([node.caPem]);
  // §12 does not say how a sender obtains the recipient's current certificate: we take it from the handshake.
  const { x25519PublicKey } = (await partner.peerCertificate(node.peerUrl, NODE_ID)).node;
  return {
    partner,
    node,
    nodeKeys: { nodeId: NODE_ID, x25519PublicKey },
    analyst: await login(node.graphqlUrl, 'analyst'),
    liaison: await login(node.graphqlUrl, 'liaison'),
    stop: async () => {
      await node.stop();
      await partner.close();
    },
  };
}
