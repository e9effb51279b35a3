// An agency CA and a node certificate as PKI.md "Certificates" describes, and the checks of
// "Verification", with @peculiar/x509 (issuing, extensions) and node:crypto (chains, validity).
import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs it
import * as x509 from '@peculiar/x509';
import { createHash, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { bytesEqual, concatBytes } from './canonical.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

export const NODE_KEY_BINDING_OID = '1.3.6.1.4.1.32473.3301.1.1';
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY_MS = 24 * 3600 * 1000;
const BACKDATE_MS = 5 * 60 * 1000;

export interface NodeKeys {
  ed25519Seed: Uint8Array;
  ed25519PublicKey: Uint8Array;
  x25519SecretKey: Uint8Array;
  x25519PublicKey: Uint8Array;
}

export function generateNodeKeys(): NodeKeys {
  const ed25519Seed = new Uint8Array(randomBytes(32));
  const x25519SecretKey = new Uint8Array(randomBytes(32));
  return {
    ed25519Seed,
    ed25519PublicKey: ed25519.getPublicKey(ed25519Seed),
    x25519SecretKey,
    x25519PublicKey: x25519.getPublicKey(x25519SecretKey),
  };
}

/** FedNodeKeyBinding ::= SEQUENCE { OCTET STRING (32), OCTET STRING (32) }: exactly 70 bytes. */
export function keyBinding(ed25519PublicKey: Uint8Array, x25519PublicKey: Uint8Array): Uint8Array {
  return concatBytes(
    new Uint8Array([0x30, 0x44, 0x04, 0x20]),
    ed25519PublicKey,
    new Uint8Array([0x04, 0x20]),
    x25519PublicKey,
  );
}

/** 16 random bytes, positive (top bit clear), as hex. */
const serialNumber = () => {
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x01; // positive, and no leading zero byte to strip
  return b.toString('hex');
};

const toPem = (der: ArrayBuffer, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;

export interface AgencyCa {
  agencyId: string;
  certificatePem: string;
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

export async function createAgencyCa(agencyId: string, now = new Date()): Promise<AgencyCa> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${agencyId} Federation CA, O=${agencyId}`,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + 3650 * DAY_MS),
    signingAlgorithm: RSA,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { agencyId, certificatePem: certificate.toString('pem') + '\n', certificate, privateKey: keys.privateKey };
}

export interface NodeCertificate {
  certificatePem: string;
  /** The RSA key of the certificate: the node's TLS key (PKCS#8 PEM). */
  tlsKeyPem: string;
}

export async function issueNodeCertificate(ca: AgencyCa, nodeId: string, keys: NodeKeys, now = new Date()) {
  const tls = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${nodeId}, O=${ca.agencyId}`,
    issuer: ca.certificate.subject,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + 397 * DAY_MS),
    signingAlgorithm: RSA,
    publicKey: tls.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'url', value: `urn:fed-node:${nodeId}` },
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(tls.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
      new x509.Extension(NODE_KEY_BINDING_OID, false, keyBinding(keys.ed25519PublicKey, keys.x25519PublicKey)),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', tls.privateKey);
  return { certificatePem: certificate.toString('pem') + '\n', tlsKeyPem: toPem(pkcs8, 'PRIVATE KEY') };
}

export class CertificateRejection extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(`${reason}: ${message}`);
  }
}

export interface CertifiedNode {
  nodeId: string;
  agencyId: string;
  ed25519PublicKey: Uint8Array;
  x25519PublicKey: Uint8Array;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
}

/** "CN=a\nO=b" (node:crypto's rendering) → the single value of one attribute, or a MALFORMED refusal. */
function single(dn: string, attribute: string): string {
  const values = dn.split('\n').filter((l) => l.startsWith(`${attribute}=`));
  if (values.length !== 1) throw new CertificateRejection('MALFORMED_CERTIFICATE', `needs exactly one ${attribute}`);
  return values[0].slice(attribute.length + 1);
}

interface Parsed {
  cert: X509Certificate;
  nodeId: string;
  sanNodeId: string;
  agency: string;
  binding: Uint8Array;
}

function parse(pem: string): Parsed {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
  if (blocks.length !== 1) throw new CertificateRejection('MALFORMED_CERTIFICATE', 'not exactly one PEM certificate');
  let cert: X509Certificate;
  let peculiar: x509.X509Certificate;
  try {
    cert = new X509Certificate(pem);
    peculiar = new x509.X509Certificate(pem);
  } catch (e) {
    throw new CertificateRejection('MALFORMED_CERTIFICATE', (e as Error).message);
  }
  if (cert.publicKey.asymmetricKeyType !== 'rsa')
    throw new CertificateRejection('MALFORMED_CERTIFICATE', 'not an RSA key');
  const nodeId = single(cert.subject, 'CN');
  const agency = single(cert.subject, 'O');
  const uris = (cert.subjectAltName ?? '').split(', ').filter((n) => n.startsWith('URI:urn:fed-node:'));
  if (uris.length !== 1) throw new CertificateRejection('MALFORMED_CERTIFICATE', 'needs exactly one SAN urn:fed-node:');
  const ext = peculiar.extensions.filter((e) => e.type === NODE_KEY_BINDING_OID);
  const binding = ext.length === 1 ? new Uint8Array(ext[0].value) : new Uint8Array();
  const layout = keyBinding(binding.subarray(4, 36), binding.subarray(38, 70));
  if (binding.length !== 70 || !bytesEqual(binding, layout))
    throw new CertificateRejection('MALFORMED_CERTIFICATE', 'node key binding missing, duplicated or malformed');
  return { cert, nodeId, sanNodeId: uris[0].slice('URI:urn:fed-node:'.length), agency, binding };
}

export interface TrustOptions {
  anchorsPem: string[];
  expectedNodeId: string;
  /** Whose CA may issue the certificate (peers[].agencyId; default the node id). */
  expectedAgencyId?: string;
  at?: Date;
  revokedFingerprints?: string[];
  pinnedFingerprint?: string;
}

/** The checks of PKI.md "Verification", in its order. */
export function verifyNodeCertificate(pem: string, o: TrustOptions): CertifiedNode {
  const { cert, nodeId, sanNodeId, agency, binding } = parse(pem);
  const at = o.at ?? new Date();
  const untrusted = (why: string) => new CertificateRejection('UNTRUSTED_CERTIFICATE', why);
  if (cert.ca) throw untrusted('a CA certificate');
  const sigAlg = new x509.X509Certificate(pem).signatureAlgorithm as { name: string; hash?: { name: string } };
  if (sigAlg.name !== 'RSASSA-PKCS1-v1_5' || !['SHA-256', 'SHA-384', 'SHA-512'].includes(sigAlg.hash?.name ?? ''))
    throw untrusted('signature is not RSA with SHA-256/384/512');
  if ((cert.publicKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw untrusted('key under 2048 bits');
  const anchor = o.anchorsPem
    .map((p) => new X509Certificate(p))
    .find((a) => cert.checkIssued(a) && cert.verify(a.publicKey));
  if (!anchor) throw untrusted('no trust anchor issued it');
  if (at < new Date(anchor.validFrom) || at > new Date(anchor.validTo)) throw untrusted('anchor not valid now');
  if (single(anchor.subject, 'O') !== agency) throw untrusted('anchor agency differs from the certificate O');
  if (agency !== (o.expectedAgencyId ?? o.expectedNodeId)) throw untrusted(`issued by agency ${agency}`);
  const fingerprint = createHash('sha256').update(cert.raw).digest('hex');
  const norm = (f: string) => f.replace(/:/g, '').toLowerCase();
  if (o.revokedFingerprints?.map(norm).includes(fingerprint))
    throw new CertificateRejection('CERTIFICATE_REVOKED', fingerprint);
  if (at < new Date(cert.validFrom)) throw new CertificateRejection('CERTIFICATE_NOT_YET_VALID', cert.validFrom);
  if (at > new Date(cert.validTo)) throw new CertificateRejection('CERTIFICATE_EXPIRED', cert.validTo);
  if (nodeId !== sanNodeId || nodeId !== o.expectedNodeId)
    throw new CertificateRejection('CERTIFICATE_NODE_MISMATCH', `CN ${nodeId}, SAN ${sanNodeId}`);
  if (o.pinnedFingerprint && norm(o.pinnedFingerprint) !== fingerprint)
    throw new CertificateRejection('CERTIFICATE_PIN_MISMATCH', fingerprint);
  return {
    nodeId,
    agencyId: agency,
    ed25519PublicKey: binding.slice(4, 36),
    x25519PublicKey: binding.slice(38, 70),
    fingerprint,
  };
}

export const fingerprintOf = (pem: string): string =>
  createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
export const derOf = (pem: string): Buffer => new X509Certificate(pem).raw;
