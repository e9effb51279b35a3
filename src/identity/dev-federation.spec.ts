import { generateKeyPairSync } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { EXAMPLE_NODE_IDS } from '../kernel/pki/node-id.js';
import { FAST_KDF, withTempDir } from './identity.test-helpers.js';
import { createDevFederation, issueNodeFiles, pkiPaths, rotateNodeIdentity } from './dev-federation.js';
import { parseNodeCertificate, verifyNodeCertificate } from '../kernel/pki/node-certificate.js';
import { KeyStoreError } from './identity.errors.js';

const ENV = {}; // no passphrase variables: development generates one per node

async function modeOf(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

/** Mutual TLS between two nodes the way the peer endpoint will run it: OpenSSL checks the chain. */
async function handshake(
  dataDir: string,
  serverId: string,
  clientId: string,
): Promise<{ serverSaw: string; clientSaw: string }> {
  const paths = pkiPaths(dataDir);
  const read = (file: string) => readFile(file, 'utf8');
  const anchors = await Promise.all(EXAMPLE_NODE_IDS.map((id) => read(paths.anchor(id))));
  const [serverCert, serverKey, clientCert, clientKey] = await Promise.all([
    read(paths.nodeCert(serverId)),
    read(paths.nodeKey(serverId)),
    read(paths.nodeCert(clientId)),
    read(paths.nodeKey(clientId)),
  ]);
  const server = tls.createServer({
    cert: serverCert,
    key: serverKey,
    ca: anchors,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
  });
  const serverSaw = new Promise<string>((resolve) => {
    server.on('secureConnection', (socket) => {
      resolve(parseNodeCertificate(socket.getPeerX509Certificate()!.toString()).nodeId);
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const clientSaw = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        servername: 'localhost', // checked against the certificate's SAN DNS name
        cert: clientCert,
        key: clientKey,
        ca: anchors,
        rejectUnauthorized: true,
      });
      socket.on('secureConnect', () => {
        resolve(parseNodeCertificate(socket.getPeerX509Certificate()!.toString()).nodeId);
        socket.end();
      });
      socket.on('error', reject);
    });
    return { serverSaw: await serverSaw, clientSaw };
  } finally {
    server.close();
  }
}

describe('createDevFederation', () => {
  it('creates a complete trust setup for the five example nodes, idempotently', async () => {
    await withTempDir(async (dataDir) => {
      const report = await createDevFederation({ dataDir, env: ENV, kdf: FAST_KDF });
      const paths = pkiPaths(dataDir);
      expect(report.nodes.map((n) => n.nodeId)).toEqual([...EXAMPLE_NODE_IDS]);
      expect(report.trustAnchors).toEqual(EXAMPLE_NODE_IDS.map((id) => paths.anchor(id)));
      expect(report.steps.every((step) => step.action === 'created')).toBe(true);

      const anchors = await Promise.all(EXAMPLE_NODE_IDS.map((id) => readFile(paths.anchor(id), 'utf8')));
      for (const id of EXAMPLE_NODE_IDS) {
        expect(await modeOf(paths.caKey(id))).toBe(0o600);
        expect(await modeOf(paths.nodeKey(id))).toBe(0o600);
        expect(await modeOf(path.join(paths.keysDir(id), 'keyring.json'))).toBe(0o600);
        expect(await modeOf(path.join(dataDir, id, 'secrets', 'key-passphrase'))).toBe(0o600);
        expect(await readFile(paths.nodeCaCert(id), 'utf8')).toBe(await readFile(paths.caCert(id), 'utf8'));
        const verified = verifyNodeCertificate(await readFile(paths.nodeCert(id), 'utf8'), {
          trustAnchorsPem: anchors,
          at: new Date(),
          expectedNodeId: id,
        });
        expect(verified.agencyId).toBe(id);
        expect(verified.keyId).toBe(report.nodes.find((n) => n.nodeId === id)!.keyId);
      }

      const again = await createDevFederation({ dataDir, env: ENV, kdf: FAST_KDF });
      expect(again.steps.filter((step) => step.action !== 'skipped')).toEqual([]);
      expect(again.nodes.map((n) => n.certificate.fingerprintSha256)).toEqual(
        report.nodes.map((n) => n.certificate.fingerprintSha256),
      );

      const forced = await createDevFederation({ dataDir, env: ENV, kdf: FAST_KDF, force: true });
      expect(forced.nodes.map((n) => n.keyId)).toEqual(report.nodes.map((n) => n.keyId)); // identities kept
      for (const [i, node] of forced.nodes.entries()) {
        expect(node.certificate.fingerprintSha256).not.toBe(report.nodes[i].certificate.fingerprintSha256);
      }
      expect(forced.steps.filter((s) => s.what.startsWith('agency CA')).every((s) => s.action === 'replaced')).toBe(
        true,
      );
    });
  });

  it('node certificates work as both ends of mutual TLS', async () => {
    await withTempDir(async (dataDir) => {
      await createDevFederation({ dataDir, env: ENV, kdf: FAST_KDF });
      expect(await handshake(dataDir, 'kr-knpa', 'kh-cnp')).toEqual({ serverSaw: 'kh-cnp', clientSaw: 'kr-knpa' });
    });
  });

  it('rotation issues a certificate for the new keys, which later runs keep', async () => {
    await withTempDir(async (dataDir) => {
      await createDevFederation({ dataDir, nodeIds: ['kr-kcs'], env: ENV, kdf: FAST_KDF });
      const rotated = await rotateNodeIdentity({
        dataDir,
        nodeId: 'kr-kcs',
        env: ENV,
        kdf: FAST_KDF,
        graceSeconds: 60,
      });
      expect(rotated.certificate.keyId).toBe(rotated.keys.current.keyId);
      expect(rotated.retiredKeyId).not.toBe(rotated.keys.current.keyId);
      const onDisk = parseNodeCertificate(await readFile(pkiPaths(dataDir).nodeCert('kr-kcs'), 'utf8'));
      expect(onDisk.keyId).toBe(rotated.keys.current.keyId);
      const rerun = await createDevFederation({ dataDir, nodeIds: ['kr-kcs'], env: ENV, kdf: FAST_KDF });
      expect(rerun.steps.filter((s) => s.action !== 'skipped')).toEqual([]);

      // A node.key that does not match node.crt (e.g. a crash between the two writes) is repaired.
      const strayKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      });
      await writeFile(pkiPaths(dataDir).nodeKey('kr-kcs'), strayKey);
      const repaired = await createDevFederation({ dataDir, nodeIds: ['kr-kcs'], env: ENV, kdf: FAST_KDF });
      expect(repaired.steps.filter((s) => s.action === 'replaced').map((s) => s.path)).toEqual([
        pkiPaths(dataDir).nodeCert('kr-kcs'),
      ]);
    });
  });

  it('issue in production mode refuses to invent keys or a passphrase', async () => {
    await withTempDir(async (dataDir) => {
      await createDevFederation({ dataDir, nodeIds: ['kh-gdce'], env: ENV, kdf: FAST_KDF });
      await expect(issueNodeFiles({ dataDir, nodeId: 'kh-gdce', mode: 'production', env: {} })).rejects.toThrow(
        /FEDNODE_KEY_PASSPHRASE/,
      );
      const error = await issueNodeFiles({
        dataDir,
        nodeId: 'asean-hub',
        agencyId: 'kh-gdce',
        mode: 'production',
        env: { FEDNODE_KEY_PASSPHRASE: 'a sufficiently long passphrase' },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeyStoreError);
      expect((error as KeyStoreError).missingFiles).toEqual([
        path.resolve(pkiPaths(dataDir).keysDir('asean-hub'), 'keyring.json'),
      ]);
      await expect(issueNodeFiles({ dataDir, nodeId: 'kr-knpa', env: ENV })).rejects.toThrow(
        /init-ca --agency kr-knpa/,
      );
    });
  });
});
