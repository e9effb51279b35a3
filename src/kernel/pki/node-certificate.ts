import { X509Certificate, createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { PkiError } from './pki-errors.js';
import { assertIdentityId } from './node-id.js';
import { NODE_KEY_BINDING_OID, NODE_URI_PREFIX, encodeNodeKeyBinding } from './node-certificate-binding.js';
import { type NodeCertificateInfo, parseNodeCertificate } from './node-certificate-parser.js';

export { NODE_KEY_BINDING_OID, NODE_URI_PREFIX, normalizeFingerprint } from './node-certificate-binding.js';
export { parseNodeCertificate } from './node-certificate-parser.js';
export type { NodeCertificateInfo } from './node-certificate-parser.js';
export { parseTrustAnchor, verifyNodeCertificate } from './node-certificate-verifier.js';
export type { VerifiedNodeCertificate, VerifyNodeCertificateOptions } from './node-certificate-verifier.js';

/*
 * node-forge only does RSA X.509, so CA and node TLS keys are RSA-2048 and every certificate is
 * signed sha256WithRSAEncryption (forge's default digest would be SHA-1). RSA keys come from
 * node:crypto (OpenSSL, milliseconds) rather than forge's pure-JS generator (seconds).
 */

const RSA_BITS = 2048;
/** Certificates start a little in the past so a peer whose clock is behind still accepts them. */
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const generateKeyPairAsync = promisify(generateKeyPair);

export interface AgencyCa {
  agencyId: string;
  certPem: string;
  keyPem: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
}

export interface CreateAgencyCaOptions {
  agencyId: string;
  validDays: number;
  /** Defaults to five minutes ago. */
  notBefore?: Date;
}

export interface IssueNodeCertificateOptions {
  ca: { certPem: string; keyPem: string };
  nodeId: string;
  agencyId: string;
  ed25519PublicKey: Uint8Array;
  x25519PublicKey: Uint8Array;
  validDays: number;
  /** SAN DNS names; default `['localhost']`. */
  dnsNames?: string[];
  /** SAN IP addresses; default `['127.0.0.1']`. */
  ipAddresses?: string[];
  notBefore?: Date;
}

export interface IssuedNodeCertificate {
  certPem: string;
  /** PKCS#8 PEM of the node's RSA TLS key; the caller stores it (0600). */
  keyPem: string;
  info: NodeCertificateInfo;
}

async function generateRsaKey(): Promise<{ keyPem: string; forgeKey: forge.pki.rsa.PrivateKey }> {
  const { privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: RSA_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { keyPem: privateKey, forgeKey: forge.pki.privateKeyFromPem(privateKey) };
}

function publicOf(key: forge.pki.rsa.PrivateKey): forge.pki.rsa.PublicKey {
  return forge.pki.setRsaPublicKey(key.n, key.e);
}

/** 16 random bytes, positive and without a leading zero byte (DER INTEGERs must be minimal). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function validity(notBefore: Date | undefined, validDays: number): { notBefore: Date; notAfter: Date } {
  if (!Number.isFinite(validDays) || validDays <= 0) throw new PkiError(`validDays must be positive, got ${validDays}`);
  const start = notBefore ?? new Date(Date.now() - BACKDATE_MS);
  return { notBefore: start, notAfter: new Date(start.getTime() + validDays * DAY_MS) };
}

function fingerprintOf(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
}

export function agencyCaCommonName(agencyId: string): string {
  return `${agencyId} Federation CA`;
}

/** A self-signed agency CA that only issues end-entity (node) certificates. */
export async function createAgencyCa(options: CreateAgencyCaOptions): Promise<AgencyCa> {
  const agencyId = assertIdentityId('agency', options.agencyId);
  const { keyPem, forgeKey } = await generateRsaKey();
  const period = validity(options.notBefore, options.validDays);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicOf(forgeKey);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = period.notBefore;
  cert.validity.notAfter = period.notAfter;
  const name = [
    { shortName: 'CN', value: agencyCaCommonName(agencyId) },
    { shortName: 'O', value: agencyId },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { agencyId, certPem, keyPem, fingerprintSha256: fingerprintOf(certPem), ...period };
}

function loadCa(
  ca: { certPem: string; keyPem: string },
  agencyId: string,
): {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
} {
  let cert: forge.pki.Certificate;
  let key: forge.pki.rsa.PrivateKey;
  try {
    cert = forge.pki.certificateFromPem(ca.certPem);
    key = forge.pki.privateKeyFromPem(ca.keyPem);
  } catch (error) {
    throw new PkiError(`Cannot read the CA certificate or key: ${(error as Error).message}`);
  }
  const caPublic = cert.publicKey as forge.pki.rsa.PublicKey;
  if (caPublic.n === undefined || caPublic.n.compareTo(key.n) !== 0) {
    throw new PkiError('The CA key does not belong to the CA certificate');
  }
  if (!new X509Certificate(ca.certPem).ca) throw new PkiError('The CA certificate is not a CA (basicConstraints)');
  const organization: unknown = cert.subject.getField('O')?.value;
  if (organization !== agencyId) {
    throw new PkiError(`The CA belongs to agency "${String(organization)}", not "${agencyId}"`);
  }
  return { cert, key };
}

function altNames(nodeId: string, dnsNames: string[], ipAddresses: string[]): object[] {
  for (const dns of dnsNames) {
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(dns)) {
      throw new PkiError(`Invalid DNS name "${dns}"`);
    }
  }
  for (const ip of ipAddresses) if (isIP(ip) === 0) throw new PkiError(`Invalid IP address "${ip}"`);
  return [
    { type: 6, value: `${NODE_URI_PREFIX}${nodeId}` },
    ...dnsNames.map((value) => ({ type: 2, value })),
    ...ipAddresses.map((ip) => ({ type: 7, ip })),
  ];
}

/**
 * Issues the node certificate: subject CN = node id, O = agency, SAN URI urn:fed-node:<id> plus
 * DNS/IP names, usable as both TLS server and client certificate of the node's mutual-TLS peer
 * endpoint, with the node's Ed25519/X25519 public keys bound in a private extension.
 */
export async function issueNodeCertificate(options: IssueNodeCertificateOptions): Promise<IssuedNodeCertificate> {
  const nodeId = assertIdentityId('node', options.nodeId);
  const agencyId = assertIdentityId('agency', options.agencyId);
  const ca = loadCa(options.ca, agencyId);
  const binding = encodeNodeKeyBinding(options.ed25519PublicKey, options.x25519PublicKey);
  const period = validity(options.notBefore, options.validDays);
  if (period.notAfter > ca.cert.validity.notAfter) {
    throw new PkiError(
      `A ${options.validDays}-day certificate would outlive its CA (valid until ${ca.cert.validity.notAfter.toISOString()})`,
    );
  }
  const { keyPem, forgeKey } = await generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicOf(forgeKey);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = period.notBefore;
  cert.validity.notAfter = period.notAfter;
  cert.setSubject([
    { shortName: 'CN', value: nodeId },
    { shortName: 'O', value: agencyId },
  ]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    {
      name: 'subjectAltName',
      altNames: altNames(nodeId, options.dnsNames ?? ['localhost'], options.ipAddresses ?? ['127.0.0.1']),
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
    { id: NODE_KEY_BINDING_OID, critical: false, value: binding.toString('binary') },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  // Read it back through the same parser peers use, so we never hand out a certificate they reject.
  return { certPem, keyPem, info: parseNodeCertificate(certPem) };
}
