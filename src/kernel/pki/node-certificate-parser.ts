import { LRUCache } from 'lru-cache';
import { X509Certificate, createHash } from 'node:crypto';
import forge from 'node-forge';
import { CertificateRejection } from './pki-errors.js';
import { assertIdentityId } from './node-id.js';
import { NODE_KEY_BINDING_OID, NODE_URI_PREFIX, decodeNodeKeyBinding } from './node-certificate-binding.js';
import { computeKeyId } from './key-id.js';

/** The identity a node certificate asserts. */
export interface NodeCertificateInfo {
  nodeId: string;
  agencyId: string;
  ed25519PublicKey: Uint8Array;
  x25519PublicKey: Uint8Array;
  /** Key generation id derived from the two bound public keys (same as the node's keyring). */
  keyId: string;
  /** SHA-256 of the DER certificate, lower-case hex without separators. */
  fingerprintSha256: string;
  /** Lower-case hex. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  issuerCn: string;
}

/** What the verifier needs beyond the public info. */
export interface ParsedNodeCertificate {
  info: NodeCertificateInfo;
  /** Node id from the SAN URI; the public info uses the CN. */
  sanNodeId: string;
  forgeCert: forge.pki.Certificate;
  x509: X509Certificate;
}

/** forge types extensions as `any`; this is the part we read, checked at run time. */
interface ExtensionView {
  id: string;
  name?: string;
  critical: boolean;
  value: string;
  cA?: boolean;
  keyCertSign?: boolean;
  altNames?: Array<{ type: number; value?: string }>;
}

function malformed(detail: string): CertificateRejection {
  return new CertificateRejection('MALFORMED_CERTIFICATE', detail);
}

export function extensionsOf(cert: forge.pki.Certificate): ExtensionView[] {
  const list: unknown[] = cert.extensions;
  return list.map((raw) => {
    if (typeof raw !== 'object' || raw === null) throw malformed('unreadable extension');
    const ext = raw as Partial<ExtensionView>;
    if (typeof ext.id !== 'string' || typeof ext.value !== 'string') throw malformed('unreadable extension');
    return { ...ext, id: ext.id, value: ext.value, critical: ext.critical === true };
  });
}

/** X.509 forbids repeating an extension; a duplicate could be read differently by two parsers. */
function singleExtension(extensions: ExtensionView[], id: string, label: string): ExtensionView | undefined {
  const found = extensions.filter((ext) => ext.id === id);
  if (found.length > 1) throw malformed(`duplicate ${label} extension`);
  return found[0];
}

function singleAttribute(name: forge.pki.Certificate['subject'], shortName: string, label: string): string {
  const values = name.attributes.filter((attr) => attr.shortName === shortName).map((attr) => attr.value);
  if (values.length !== 1 || typeof values[0] !== 'string' || values[0].length === 0) {
    throw malformed(`${label} must have exactly one ${shortName}`);
  }
  return values[0];
}

/** Decodes with Node first, then hands forge the exact same DER bytes, so both judge one input. */
function decode(pem: string): { x509: X509Certificate; forgeCert: forge.pki.Certificate } {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
  if (blocks.length !== 1) throw malformed(`expected exactly one PEM certificate, found ${blocks.length}`);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch (error) {
    throw malformed(`not an X.509 certificate (${(error as Error).message})`);
  }
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(x509.raw.toString('binary')), true);
    return { x509, forgeCert: forge.pki.certificateFromAsn1(asn1) };
  } catch (error) {
    throw malformed(`unsupported certificate (${(error as Error).message})`);
  }
}

function sanNodeIdOf(extensions: ExtensionView[], x509: X509Certificate): string {
  const san = singleExtension(extensions, '2.5.29.17', 'subjectAltName');
  const uris = (san?.altNames ?? [])
    .filter((alt) => alt.type === 6 && typeof alt.value === 'string' && alt.value.startsWith(NODE_URI_PREFIX))
    .map((alt) => String(alt.value));
  if (uris.length !== 1) throw malformed(`expected exactly one ${NODE_URI_PREFIX}<id> SAN URI, found ${uris.length}`);
  // Cross-check with OpenSSL's reading of the same extension.
  const nodeSans = (x509.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith(`URI:${NODE_URI_PREFIX}`));
  if (nodeSans.length !== 1 || nodeSans[0] !== `URI:${uris[0]}`) {
    throw malformed('subjectAltName reads differently in node-forge and OpenSSL');
  }
  return uris[0].slice(NODE_URI_PREFIX.length);
}

function validId(kind: 'node' | 'agency', id: string): string {
  try {
    return assertIdentityId(kind, id);
  } catch {
    throw malformed(`certificate names an invalid ${kind} id "${id}"`);
  }
}

/** Parses without judging trust; CN and SAN may still disagree (the verifier reports that). */
/**
 * Parsing costs milliseconds (two X.509 implementations) and the same few certificates come with every
 * packet, so the result is remembered by PEM; callers treat it as read-only. Failures are not kept.
 */
const decodedByPem = new LRUCache<string, ParsedNodeCertificate>({ max: 512 });

export function decodeNodeCertificate(pem: string): ParsedNodeCertificate {
  let parsed = decodedByPem.get(pem);
  if (!parsed) decodedByPem.set(pem, (parsed = decodeAndCheck(pem)));
  return parsed;
}

function decodeAndCheck(pem: string): ParsedNodeCertificate {
  const { x509, forgeCert } = decode(pem);
  const extensions = extensionsOf(forgeCert);
  const nodeId = validId('node', singleAttribute(forgeCert.subject, 'CN', 'subject'));
  const agencyId = validId('agency', singleAttribute(forgeCert.subject, 'O', 'subject'));
  const issuerCn = singleAttribute(forgeCert.issuer, 'CN', 'issuer');
  const sanNodeId = sanNodeIdOf(extensions, x509);
  const binding = singleExtension(extensions, NODE_KEY_BINDING_OID, 'node key binding');
  if (binding === undefined) throw malformed(`no node key binding extension (${NODE_KEY_BINDING_OID})`);
  const keys = decodeNodeKeyBinding(Buffer.from(binding.value, 'binary'));
  return {
    info: {
      nodeId,
      agencyId,
      ...keys,
      keyId: computeKeyId(keys.ed25519PublicKey, keys.x25519PublicKey),
      fingerprintSha256: createHash('sha256').update(x509.raw).digest('hex'),
      serialNumber: forgeCert.serialNumber.toLowerCase(),
      notBefore: forgeCert.validity.notBefore,
      notAfter: forgeCert.validity.notAfter,
      issuerCn,
    },
    sanNodeId,
    forgeCert,
    x509,
  };
}

/**
 * Reads the node identity from a certificate without checking trust or validity. Throws
 * CertificateRejection MALFORMED_CERTIFICATE for anything unreadable or a missing/invalid key
 * binding, and CERTIFICATE_NODE_MISMATCH when subject CN and SAN URI name different nodes.
 */
export function parseNodeCertificate(pem: string): NodeCertificateInfo {
  const parsed = decodeNodeCertificate(pem);
  if (parsed.sanNodeId !== parsed.info.nodeId) {
    throw new CertificateRejection(
      'CERTIFICATE_NODE_MISMATCH',
      `subject CN "${parsed.info.nodeId}" and SAN URI "${NODE_URI_PREFIX}${parsed.sanNodeId}" disagree`,
    );
  }
  return { ...parsed.info };
}
