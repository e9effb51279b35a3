import { X509Certificate, createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PkiError } from '../kernel/pki/pki-errors.js';
import { EXAMPLE_NODE_IDS, assertIdentityId } from '../kernel/pki/node-id.js';
import { type NodeMode, resolveKeyPassphrase } from './key-passphrase.js';
import {
  type AgencyCa,
  createAgencyCa,
  issueNodeCertificate,
  verifyNodeCertificate,
} from '../kernel/pki/node-certificate.js';
import type { NodeCertificateInfo } from '../kernel/pki/node-certificate.js';
import { type KdfLimits, type NodeKeySet, loadOrCreateNodeKeys, rotateNodeKeys } from './node-key-store.js';
import {
  PRIVATE_FILE_MODE,
  PUBLIC_FILE_MODE,
  ensurePrivateDir,
  readFileIfExists,
  writeFileAtomic,
} from '../common/fs/secure-file.util.js';

export const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_CA_VALID_DAYS = 3650;
/** 397 days: the longest lifetime TLS clients accept for server certificates. */
export const DEFAULT_NODE_CERT_VALID_DAYS = 397;
/** A certificate closer than this to expiry is re-issued by an idempotent run. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

export type PkiAction = 'created' | 'replaced' | 'skipped';

/** One thing a PKI command did or found already in place, for the CLI summary. */
export interface PkiStep {
  action: PkiAction;
  path: string;
  what: string;
}

/** Where everything lives under the data directory (see docs/PKI.md). */
export function pkiPaths(dataDir: string) {
  const node = (nodeId: string) => path.join(dataDir, assertIdentityId('node', nodeId));
  const ca = (agencyId: string) => path.join(dataDir, 'ca', assertIdentityId('agency', agencyId));
  return {
    caDir: ca,
    caCert: (agencyId: string) => path.join(ca(agencyId), 'ca.crt'),
    caKey: (agencyId: string) => path.join(ca(agencyId), 'ca.key'),
    anchorsDir: path.join(dataDir, 'trust', 'anchors'),
    anchor: (agencyId: string) => path.join(dataDir, 'trust', 'anchors', `${assertIdentityId('agency', agencyId)}.crt`),
    keysDir: (nodeId: string) => path.join(node(nodeId), 'keys'),
    tlsDir: (nodeId: string) => path.join(node(nodeId), 'tls'),
    nodeCert: (nodeId: string) => path.join(node(nodeId), 'tls', 'node.crt'),
    nodeKey: (nodeId: string) => path.join(node(nodeId), 'tls', 'node.key'),
    nodeCaCert: (nodeId: string) => path.join(node(nodeId), 'tls', 'ca.crt'),
  };
}

async function writeIfChanged(file: string, content: string, mode: number, what: string): Promise<PkiStep> {
  const existing = await readFileIfExists(file);
  if (existing === content) return { action: 'skipped', path: file, what };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, content, mode);
  return { action: existing === undefined ? 'created' : 'replaced', path: file, what };
}

export interface InitAgencyCaOptions {
  dataDir: string;
  agencyId: string;
  validDays?: number;
  /** Replace an existing CA (every certificate it issued stops being trusted). */
  force?: boolean;
}

/** Creates `<dataDir>/ca/<agency>/ca.crt` + `ca.key` (0600), or reuses a complete existing pair. */
export async function initAgencyCa(options: InitAgencyCaOptions): Promise<{ ca: AgencyCa; steps: PkiStep[] }> {
  const paths = pkiPaths(options.dataDir);
  const { agencyId } = options;
  const certFile = paths.caCert(agencyId);
  const keyFile = paths.caKey(agencyId);
  if (!options.force) {
    const [certPem, keyPem] = await Promise.all([readFileIfExists(certFile), readFileIfExists(keyFile)]);
    if (certPem !== undefined && keyPem !== undefined) {
      const ca = toAgencyCa(agencyId, certPem, keyPem);
      return { ca, steps: [{ action: 'skipped', path: certFile, what: `agency CA ${agencyId}` }] };
    }
    if (certPem !== undefined || keyPem !== undefined) {
      const missing = certPem === undefined ? certFile : keyFile;
      throw new PkiError(`Agency CA ${agencyId} is incomplete (missing ${missing}); use --force to recreate it`);
    }
  }
  const existed = (await readFileIfExists(certFile)) !== undefined;
  const ca = await createAgencyCa({ agencyId, validDays: options.validDays ?? DEFAULT_CA_VALID_DAYS });
  await ensurePrivateDir(paths.caDir(agencyId));
  await writeFileAtomic(keyFile, ca.keyPem, PRIVATE_FILE_MODE);
  await writeFileAtomic(certFile, ca.certPem, PUBLIC_FILE_MODE);
  const action: PkiAction = existed ? 'replaced' : 'created';
  return { ca, steps: [{ action, path: certFile, what: `agency CA ${agencyId} (key in ca.key, 0600)` }] };
}

function toAgencyCa(agencyId: string, certPem: string, keyPem: string): AgencyCa {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
    if (!x509.checkPrivateKey(createPrivateKey(keyPem))) throw new Error('ca.key does not match ca.crt');
  } catch (error) {
    throw new PkiError(`Agency CA ${agencyId} is unusable: ${(error as Error).message}`);
  }
  return {
    agencyId,
    certPem,
    keyPem,
    fingerprintSha256: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
  };
}

/** Reads an existing agency CA, with the command that creates it in the error. */
export async function loadAgencyCa(dataDir: string, agencyId: string): Promise<AgencyCa> {
  const paths = pkiPaths(dataDir);
  const [certPem, keyPem] = await Promise.all([
    readFileIfExists(paths.caCert(agencyId)),
    readFileIfExists(paths.caKey(agencyId)),
  ]);
  if (certPem === undefined || keyPem === undefined) {
    const missing = [
      certPem === undefined ? paths.caCert(agencyId) : '',
      keyPem === undefined ? paths.caKey(agencyId) : '',
    ]
      .filter(Boolean)
      .join(', ');
    throw new PkiError(
      `No CA for agency "${agencyId}" (missing ${missing}); create it with: npm run pki -- init-ca --agency ${agencyId}`,
    );
  }
  return toAgencyCa(agencyId, certPem, keyPem);
}

export interface IssueNodeFilesOptions {
  dataDir: string;
  nodeId: string;
  /** Defaults to the node id (each example node is its own agency). */
  agencyId?: string;
  mode?: NodeMode;
  /** Overrides the passphrase lookup (env / secret file / dev file). */
  passphrase?: string;
  env?: Record<string, string | undefined>;
  validDays?: number;
  dnsNames?: string[];
  ipAddresses?: string[];
  /** false: keep an existing certificate that is still good for the current keys and CA. */
  force?: boolean;
  kdf?: KdfLimits;
}

export interface IssuedNodeFiles {
  keys: NodeKeySet;
  certificate: NodeCertificateInfo;
  steps: PkiStep[];
}

/** Loads or creates the node keys, then writes tls/node.crt, tls/node.key (0600) and tls/ca.crt. */
export async function issueNodeFiles(options: IssueNodeFilesOptions): Promise<IssuedNodeFiles> {
  const { dataDir, nodeId } = options;
  const agencyId = options.agencyId ?? nodeId;
  const mode = options.mode ?? 'development';
  const paths = pkiPaths(dataDir);
  const ca = await loadAgencyCa(dataDir, agencyId);
  const steps: PkiStep[] = [];
  let passphrase = options.passphrase;
  if (passphrase === undefined) {
    const resolved = await resolveKeyPassphrase({ mode, nodeId, dataDir, env: options.env });
    if (resolved.source === 'dev-generated' && resolved.file !== undefined) {
      steps.push({ action: 'created', path: resolved.file, what: `development key passphrase for ${nodeId} (0600)` });
    }
    passphrase = resolved.passphrase;
  }
  const keys = await loadOrCreateNodeKeys({
    nodeId,
    keysDir: paths.keysDir(nodeId),
    passphrase,
    mode,
    kdf: options.kdf,
  });
  steps.push({
    action: keys.created ? 'created' : 'skipped',
    path: paths.keysDir(nodeId),
    what: `node keys ${nodeId} (key ${keys.current.keyId})`,
  });
  return { keys, ...(await writeNodeCertificate({ ...options, agencyId, ca, keys }, steps)) };
}

async function writeNodeCertificate(
  options: IssueNodeFilesOptions & { agencyId: string; ca: AgencyCa; keys: NodeKeySet },
  steps: PkiStep[],
): Promise<{ certificate: NodeCertificateInfo; steps: PkiStep[] }> {
  const { dataDir, nodeId, agencyId, ca, keys } = options;
  const paths = pkiPaths(dataDir);
  await ensurePrivateDir(paths.tlsDir(nodeId));
  const existing = options.force === false ? await reusableCertificate(dataDir, nodeId, ca, keys) : undefined;
  let certificate: NodeCertificateInfo;
  if (existing !== undefined) {
    certificate = existing;
    steps.push({ action: 'skipped', path: paths.nodeCert(nodeId), what: `node certificate ${nodeId}` });
  } else {
    const existed = (await readFileIfExists(paths.nodeCert(nodeId))) !== undefined;
    const issued = await issueNodeCertificate({
      ca,
      nodeId,
      agencyId,
      ed25519PublicKey: keys.current.signing.publicKey,
      x25519PublicKey: keys.current.encryption.publicKey,
      validDays: options.validDays ?? DEFAULT_NODE_CERT_VALID_DAYS,
      dnsNames: options.dnsNames,
      ipAddresses: options.ipAddresses,
    });
    // Key first: a crash in between leaves a mismatched pair, which the next run detects and redoes.
    await writeFileAtomic(paths.nodeKey(nodeId), issued.keyPem, PRIVATE_FILE_MODE);
    await writeFileAtomic(paths.nodeCert(nodeId), issued.certPem, PUBLIC_FILE_MODE);
    certificate = issued.info;
    steps.push({
      action: existed ? 'replaced' : 'created',
      path: paths.nodeCert(nodeId),
      what: `node certificate ${nodeId} (sha256 ${issued.info.fingerprintSha256.slice(0, 16)}…; key in node.key, 0600)`,
    });
  }
  steps.push(
    await writeIfChanged(paths.nodeCaCert(nodeId), ca.certPem, PUBLIC_FILE_MODE, `CA certificate for ${nodeId}`),
  );
  return { certificate, steps };
}

/** The existing certificate, if it still verifies, binds the current keys, matches its key and is not near expiry. */
async function reusableCertificate(
  dataDir: string,
  nodeId: string,
  ca: AgencyCa,
  keys: NodeKeySet,
): Promise<NodeCertificateInfo | undefined> {
  const paths = pkiPaths(dataDir);
  const [certPem, keyPem] = await Promise.all([
    readFileIfExists(paths.nodeCert(nodeId)),
    readFileIfExists(paths.nodeKey(nodeId)),
  ]);
  if (certPem === undefined || keyPem === undefined) return undefined;
  try {
    const now = new Date();
    const info = verifyNodeCertificate(certPem, { trustAnchorsPem: [ca.certPem], at: now, expectedNodeId: nodeId });
    const bindsCurrentKeys = info.keyId === keys.current.keyId;
    const matchesKey = new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
    const fresh = info.notAfter.getTime() - now.getTime() > RENEW_BEFORE_MS;
    return bindsCurrentKeys && matchesKey && fresh ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface RotateNodeIdentityOptions extends Omit<IssueNodeFilesOptions, 'force'> {
  graceSeconds?: number;
}

/** Rotates the node keys and issues a certificate for the new generation. */
export async function rotateNodeIdentity(
  options: RotateNodeIdentityOptions,
): Promise<IssuedNodeFiles & { retiredKeyId: string }> {
  const { dataDir, nodeId } = options;
  const agencyId = options.agencyId ?? nodeId;
  const mode = options.mode ?? 'development';
  const ca = await loadAgencyCa(dataDir, agencyId);
  const passphrase =
    options.passphrase ?? (await resolveKeyPassphrase({ mode, nodeId, dataDir, env: options.env })).passphrase;
  const keysDir = pkiPaths(dataDir).keysDir(nodeId);
  const rotated = await rotateNodeKeys({
    nodeId,
    keysDir,
    passphrase,
    graceSeconds: options.graceSeconds,
    kdf: options.kdf,
  });
  const steps: PkiStep[] = [
    {
      action: 'replaced',
      path: keysDir,
      what: `node keys ${nodeId}: ${rotated.retired.keyId} -> ${rotated.current.keyId} (old key usable until ${rotated.retired.graceUntil?.toISOString()})`,
    },
  ];
  const written = await writeNodeCertificate({ ...options, agencyId, ca, keys: rotated, force: true }, steps);
  return { keys: rotated, retiredKeyId: rotated.retired.keyId, ...written };
}

export interface DevFederationOptions {
  dataDir?: string;
  nodeIds?: readonly string[];
  /** Recreate CAs, trust anchors and certificates. Node keys are kept (rotate them instead). */
  force?: boolean;
  env?: Record<string, string | undefined>;
  kdf?: KdfLimits;
}

export interface DevFederationReport {
  dataDir: string;
  nodes: Array<{ nodeId: string; agencyId: string; certificate: NodeCertificateInfo; keyId: string }>;
  /** `<dataDir>/trust/anchors/<agency>.crt` for every CA. */
  trustAnchors: string[];
  steps: PkiStep[];
}

/**
 * A complete development trust setup for the example federation: one CA per node (each example
 * node is its own agency), node keys, node certificates, and every CA under trust/anchors/.
 * Idempotent: whatever is present and still valid is kept.
 */
export async function createDevFederation(options: DevFederationOptions = {}): Promise<DevFederationReport> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const nodeIds = options.nodeIds ?? EXAMPLE_NODE_IDS;
  const paths = pkiPaths(dataDir);
  const steps: PkiStep[] = [];
  const trustAnchors: string[] = [];
  const nodes: DevFederationReport['nodes'] = [];
  await fs.mkdir(paths.anchorsDir, { recursive: true });
  for (const nodeId of nodeIds) {
    const agencyId = nodeId;
    const { ca, steps: caSteps } = await initAgencyCa({ dataDir, agencyId, force: options.force });
    steps.push(...caSteps);
    steps.push(await writeIfChanged(paths.anchor(agencyId), ca.certPem, PUBLIC_FILE_MODE, `trust anchor ${agencyId}`));
    trustAnchors.push(paths.anchor(agencyId));
    const issued = await issueNodeFiles({
      dataDir,
      nodeId,
      agencyId,
      mode: 'development',
      env: options.env,
      force: options.force === true,
      kdf: options.kdf,
    });
    steps.push(...issued.steps);
    nodes.push({ nodeId, agencyId, certificate: issued.certificate, keyId: issued.keys.current.keyId });
  }
  return { dataDir, nodes, trustAnchors, steps };
}
