import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { TaxiiListener } from '../../src/taxii/taxii-listener.js';
import { exchange, StrictTaxiiClient, TAXII } from '../support/taxii-client.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';
import { webPki, type WebPki } from '../support/web-pki.js';

const NODES = ['kr-knpa', 'kh-cnp'];
const ISSUE = 'mutation ($p: String!) { issueTaxiiAccount(partnerId: $p) { username password collectionId } }';
type Credentials = { username: string; password: string; collectionId: string };
const basic = (c: Credentials) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** The TLS version a handshake with these limits ends with, or the error that ended it. */
function handshake(url: string, ca: string, limits: Pick<ConnectionOptions, 'minVersion' | 'maxVersion' | 'ciphers'>) {
  const { hostname, port } = new URL(url);
  return new Promise<string>((resolve) => {
    const socket: TLSSocket = connect({ host: hostname, port: Number(port), ca, ...limits });
    socket.once('secureConnect', () => {
      resolve(socket.getProtocol() ?? 'none');
      socket.end();
    });
    socket.once('error', (error) => resolve(`refused: ${error.message}`));
  });
}

describe('TAXII transport: HTTPS with TLS 1.2 or later by default, Basic credentials never in clear', () => {
  const federation = new TestFederation('taxii-tls', NODES);
  let web: WebPki;
  let secure: TestNode;
  let plain: TestNode;
  const credentials: Record<string, Credentials> = {};

  async function start(name: string, taxii: Record<string, unknown>): Promise<TestNode> {
    const [node] = await federation.start({
      id: 'kr-knpa',
      key: name,
      database: name,
      config: { name: 'Korean National Police Agency', taxii },
    });
    const admin = await node.officerToken('tls-admin', [Role.ADMIN]);
    credentials[name] = (
      await node.graphql<{ issueTaxiiAccount: Credentials }>(ISSUE, { p: 'kh-cnp' }, admin)
    ).data!.issueTaxiiAccount;
    return node;
  }
  const taxiiUrl = (node: TestNode) => node.app().get(TaxiiListener).url() as string;

  beforeAll(async () => {
    web = webPki();
    const certFile = path.join(federation.pkiDir, 'taxii.crt');
    const keyFile = path.join(federation.pkiDir, 'taxii.key');
    writeFileSync(certFile, web.certPem);
    writeFileSync(keyFile, web.keyPem, { mode: 0o600 });
    secure = await start('tls_on', { port: 0, tls: { certFile, keyFile } });
    plain = await start('tls_off', { port: 0, tls: { enabled: false } });
  });
  afterAll(() => federation.stop());

  it('serves TAXII over HTTPS with the configured certificate, which a client verifies as PKIX, host name included', async () => {
    const url = taxiiUrl(secure);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const client = new StrictTaxiiClient(basic(credentials.tls_on), { ca: web.caPem });
    const discovery = await client.get(`${url}/taxii2/`);
    expect(discovery.body.api_roots).toEqual(['/taxii2/api/']);
    // The extension schemas STIX output points at are public on this listener too.
    const schema = await exchange(`${url}/stix/extensions/wallet-chain-1.0.0.schema.json`, { tls: { ca: web.caPem } });
    expect({ status: schema.status, title: schema.body.title }).toEqual({
      status: 200,
      title: 'fed-node wallet-chain',
    });
    // A client that does not trust the issuer refuses the server.
    const agencyCa = readFileSync(federation.anchor('kr-knpa'), 'utf8');
    await expect(exchange(`${url}/taxii2/`, { tls: { ca: agencyCa } })).rejects.toThrow(/self-signed|unable to verify/);
  });

  it('speaks TLS 1.2 and 1.3, and nothing older (TAXII 2.1 §8.2.2)', async () => {
    const url = taxiiUrl(secure);
    expect(await handshake(url, web.caPem, { maxVersion: 'TLSv1.2' })).toBe('TLSv1.2');
    expect(await handshake(url, web.caPem, {})).toBe('TLSv1.3');
    const old = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;
    expect(await handshake(url, web.caPem, old)).toMatch(/^refused: /);
  });

  it('answers nothing to plain HTTP on the TLS port', async () => {
    const { port } = new URL(taxiiUrl(secure));
    await expect(
      exchange(`http://127.0.0.1:${port}/taxii2/`, { headers: { Authorization: basic(credentials.tls_on) } }),
    ).rejects.toThrow();
  });

  it("never reads Basic credentials on the officers' plain-HTTP port: /taxii2/ there says where TAXII is", async () => {
    // Before #17 this answered 200 with the partner's collections, the secret having crossed in clear.
    const answer = await exchange(`${secure.url}/taxii2/api/collections/`, {
      headers: { Accept: TAXII, Authorization: basic(credentials.tls_on) },
    });
    expect({ status: answer.status, type: answer.headers['content-type'] }).toEqual({ status: 404, type: TAXII });
    expect(answer.body.description).toBe(
      `TAXII is served on its own listener, ${taxiiUrl(secure)}/taxii2/; send no credentials here`,
    );
    expect(answer.text).not.toContain(credentials.tls_on.collectionId);
    // And the TAXII listener serves TAXII only: no GraphQL, no console there.
    const graphql = await exchange(`${taxiiUrl(secure)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ nodeInfo { id } }"}',
      tls: { ca: web.caPem },
    });
    expect(graphql.status).toBe(404);
  });

  it('serves plain HTTP only when taxii.tls.enabled is false, and warns that credentials cross in clear', async () => {
    const url = taxiiUrl(plain);
    expect(url).toMatch(/^http:\/\//);
    const client = new StrictTaxiiClient(basic(credentials.tls_off));
    const collections = await client.get(`${url}/taxii2/api/collections/`);
    expect(collections.body.collections).toEqual([expect.objectContaining({ id: credentials.tls_off.collectionId })]);
    expect(plain.logLines.some((line) => line.includes('"event":"taxii.plain_http"'))).toBe(true);
    expect(secure.logLines.some((line) => line.includes('"event":"taxii.plain_http"'))).toBe(false);
  });
});
