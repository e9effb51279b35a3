import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from 'pino';
import type { NodeConfig } from '../config/node-config.schema.js';
import { createDevFederation, initAgencyCa, issueNodeFiles, loadAgencyCa, pkiPaths } from './dev-federation.js';
import { KeyStoreError } from './identity.errors.js';
import { PkiError } from '../kernel/pki/pki-errors.js';
import { EXAMPLE_NODE_IDS } from '../kernel/pki/node-id.js';
import { resolveKeyPassphrase } from './key-passphrase.js';
import { parseNodeCertificate, parseTrustAnchor, type NodeCertificateInfo } from '../kernel/pki/node-certificate.js';
import { loadOrCreateNodeKeys, type NodeKeySet } from './node-key-store.js';
import { PUBLIC_FILE_MODE, readFileIfExists, writeFileAtomic } from '../common/fs/secure-file.util.js';

/** Everything that makes this node itself: keys, certificate, and whom it trusts. */
export interface NodeIdentity {
  nodeId: string;
  agencyId: string;
  keys: NodeKeySet;
  certificatePem: string;
  certificate: NodeCertificateInfo;
  /** RSA key of the certificate, for the mutual-TLS peer endpoint. */
  tlsKeyPem: string;
  /** CA certificates (PEM) that may vouch for peers: the configured anchors plus our own agency CA. */
  trustAnchorsPem: string[];
}

/**
 * Loads the node's identity at start-up. A development node creates what is missing (its agency CA,
 * keys and certificate); a production node refuses to start, naming each missing file.
 */
export async function loadNodeIdentity(config: NodeConfig, logger: Logger): Promise<NodeIdentity> {
  const nodeId = config.id;
  const agencyId = config.identity.agencyId ?? nodeId;
  const paths = pkiPaths(config.pkiDir);
  const { passphrase } = await resolveKeyPassphrase({
    mode: config.mode,
    nodeId,
    dataDir: config.pkiDir,
    passphraseFile: config.keys.passphraseFile,
  });

  let keys: NodeKeySet;
  if (config.mode === 'development') {
    await setUpExamplePeers(config, agencyId, logger);
    const { steps } = await initAgencyCa({ dataDir: config.pkiDir, agencyId });
    const ca = await loadAgencyCa(config.pkiDir, agencyId);
    if ((await readFileIfExists(paths.anchor(agencyId))) === undefined) {
      await mkdir(paths.anchorsDir, { recursive: true });
      await writeFileAtomic(paths.anchor(agencyId), ca.certPem, PUBLIC_FILE_MODE);
    }
    const issued = await issueNodeFiles({
      dataDir: config.pkiDir,
      nodeId,
      agencyId,
      mode: 'development',
      passphrase,
      force: false,
    });
    for (const step of [...steps, ...issued.steps].filter((s) => s.action !== 'skipped')) {
      logger.info(
        { event: 'identity.dev_created', path: step.path },
        `development identity: ${step.action} ${step.what}`,
      );
    }
    keys = issued.keys;
  } else {
    keys = await loadOrCreateNodeKeys({ nodeId, keysDir: paths.keysDir(nodeId), passphrase, mode: 'production' });
  }
  const [certificatePem, tlsKeyPem] = await readRequired([paths.nodeCert(nodeId), paths.nodeKey(nodeId)], nodeId);

  const certificate = parseNodeCertificate(certificatePem);
  if (certificate.nodeId !== nodeId) {
    throw new PkiError(
      `${paths.nodeCert(nodeId)} is the certificate of "${certificate.nodeId}", not of this node "${nodeId}"`,
    );
  }
  if (certificate.keyId !== keys.current.keyId) {
    throw new PkiError(
      `${paths.nodeCert(nodeId)} binds keys ${certificate.keyId}, but the node's current keys are ${keys.current.keyId}; ` +
        `issue a new certificate: npm run pki -- issue --node ${nodeId}`,
    );
  }
  const trustAnchorsPem = await loadTrustAnchors(config, paths.nodeCaCert(nodeId), logger);
  return { nodeId, agencyId, keys, certificatePem, certificate, tlsKeyPem, trustAnchorsPem };
}

/**
 * A development node of the example federation sets up, on its first start, the dev trust of the
 * example peers it names (what `npm run pki -- dev-federation` does: their CAs, keys, certificates and
 * trust anchors), so that a share approved on a fresh node is sealed, queued, and delivered once the
 * partner starts. Nothing is done for other nodes, nor where the anchors are already in place.
 */
async function setUpExamplePeers(config: NodeConfig, agencyId: string, logger: Logger): Promise<void> {
  const isExample = (id: string) => (EXAMPLE_NODE_IDS as readonly string[]).includes(id);
  if (!isExample(config.id) || agencyId !== config.id) return;
  const paths = pkiPaths(config.pkiDir);
  // Only where the configuration trusts the anchors of this PKI folder (as the example configs do).
  const trusted = new Set(config.trust.anchors.map((file) => path.resolve(file)));
  const missing: string[] = [];
  for (const peer of config.peers) {
    if (!isExample(peer.id) || (peer.agencyId ?? peer.id) !== peer.id || peer.certificateFile) continue;
    if (!trusted.has(path.resolve(paths.anchor(peer.id)))) continue;
    const files = [paths.anchor(peer.id), paths.nodeCert(peer.id)];
    if ((await Promise.all(files.map(readFileIfExists))).includes(undefined)) missing.push(peer.id);
  }
  if (missing.length === 0) return;
  const report = await createDevFederation({ dataDir: config.pkiDir, nodeIds: [config.id, ...missing] });
  const created = report.steps.filter((step) => step.action !== 'skipped').length;
  logger.info(
    { event: 'identity.dev_federation_created', peers: missing, files: created },
    `development trust of the example federation set up for ${missing.join(', ')} (${created} files under ${config.pkiDir})`,
  );
}

async function readRequired(files: string[], nodeId: string): Promise<string[]> {
  const contents = await Promise.all(files.map((file) => readFileIfExists(file)));
  const missing = files.filter((_, i) => contents[i] === undefined);
  if (missing.length) {
    throw new KeyStoreError(
      'KEYS_MISSING',
      `The node certificate is missing: ${missing.join(', ')}. Issue it with: npm run pki -- issue --node ${nodeId}`,
      missing,
    );
  }
  return contents as string[];
}

export async function loadTrustAnchors(config: NodeConfig, ownCaFile: string, logger: Logger): Promise<string[]> {
  const anchors = new Map<string, string>();
  const missing: string[] = [];
  const files = [...config.trust.anchors.map((file) => path.resolve(file)), ownCaFile];
  for (const file of files) {
    let pem: string;
    try {
      pem = await readFile(file, 'utf8');
    } catch {
      if (config.mode === 'production')
        throw new PkiError(`trust anchor ${file} (trust.anchors in ${config.source}) cannot be read`);
      missing.push(file);
      continue;
    }
    const anchor = parseTrustAnchor(pem);
    anchors.set(anchor.fingerprintSha256, pem);
  }
  if (missing.length) {
    logger.warn(
      { event: 'identity.anchors_missing', files: missing },
      `${missing.length} trust anchor(s) missing, so those agencies' nodes are not trusted yet; run: npm run pki -- dev-federation`,
    );
  }
  return [...anchors.values()];
}
