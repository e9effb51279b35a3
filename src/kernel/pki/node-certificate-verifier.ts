import { X509Certificate, createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import forge from 'node-forge';
import { CertificateRejection, PkiError } from './pki-errors.js';
import { NODE_URI_PREFIX, normalizeFingerprint } from './node-certificate-binding.js';
import {
  type NodeCertificateInfo,
  type ParsedNodeCertificate,
  decodeNodeCertificate,
  extensionsOf,
} from './node-certificate-parser.js';

export interface VerifyNodeCertificateOptions {
  /** PEM CA certificates this node trusts (its config's trust anchors). */
  trustAnchorsPem: readonly string[];
  /** The instant the certificate must be valid at (usually now, or a packet's creation time). */
  at: Date;
  /** SHA-256 fingerprints of revoked certificates, hex (colons and case are ignored). */
  revokedFingerprints?: ReadonlySet<string>;
  /** The node id the peer configuration expects behind this certificate. */
  expectedNodeId?: string;
  /** Optional fingerprint pin from the peer configuration. */
  pinnedFingerprint?: string;
}

export interface VerifiedNodeCertificate extends NodeCertificateInfo {
  /** The trust anchor that issued it, for audit records. */
  trustAnchorFingerprintSha256: string;
}

/** Signature algorithms we accept: RSA PKCS#1 v1.5 with SHA-2 (forge never produces others). */
const ACCEPTED_SIGNATURES = new Set([
  forge.pki.oids.sha256WithRSAEncryption,
  forge.pki.oids.sha384WithRSAEncryption,
  forge.pki.oids.sha512WithRSAEncryption,
]);
const MIN_RSA_BITS = 2048;

interface TrustAnchor {
  forgeCert: forge.pki.Certificate;
  x509: X509Certificate;
  agencyId: string | undefined;
  fingerprintSha256: string;
}

function isCa(cert: forge.pki.Certificate): boolean {
  return extensionsOf(cert).some((ext) => ext.name === 'basicConstraints' && ext.cA === true);
}

function organizationOf(cert: forge.pki.Certificate): string | undefined {
  const values = cert.subject.attributes.filter((a) => a.shortName === 'O').map((a) => a.value);
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}

/** Parses one trust anchor; throws PkiError so configuration problems surface at start-up. */
export function parseTrustAnchor(pem: string): TrustAnchor {
  try {
    const x509 = new X509Certificate(pem);
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(x509.raw.toString('binary')), true);
    const forgeCert = forge.pki.certificateFromAsn1(asn1);
    if (!isCa(forgeCert) || !x509.ca) throw new Error('not a CA certificate (basicConstraints cA is not true)');
    return {
      forgeCert,
      x509,
      agencyId: organizationOf(forgeCert),
      fingerprintSha256: createHash('sha256').update(x509.raw).digest('hex'),
    };
  } catch (error) {
    throw new PkiError(`Invalid trust anchor: ${(error as Error).message}`);
  }
}

/*
 * Parsing a certificate (remembered in decodeNodeCertificate) and checking an anchor's signature on it cost milliseconds (two X.509
 * implementations, forge's in JavaScript), and the same few certificates arrive with every packet. Both
 * results depend only on the bytes (signatures keyed by both SHA-256 fingerprints), so they are kept;
 * everything that depends on the moment or the configuration (validity, revocation, node id, pin) is
 * checked on every call. Failures are not kept: a malformed certificate costs its sender each time.
 */
const anchorsByPem = new LRUCache<string, TrustAnchor>({ max: 64 });
const signatureChecks = new LRUCache<string, { nodeOk: boolean; forgeOk: boolean }>({ max: 4096 });

function trustAnchor(pem: string): TrustAnchor {
  let anchor = anchorsByPem.get(pem);
  if (!anchor) anchorsByPem.set(pem, (anchor = parseTrustAnchor(pem)));
  return anchor;
}

function signatureCheck(anchor: TrustAnchor, parsed: ParsedNodeCertificate): { nodeOk: boolean; forgeOk: boolean } {
  const key = `${anchor.fingerprintSha256}:${parsed.info.fingerprintSha256}`;
  let check = signatureChecks.get(key);
  if (!check) {
    check = {
      nodeOk: parsed.x509.checkIssued(anchor.x509) && parsed.x509.verify(anchor.x509.publicKey),
      forgeOk: forgeSaysIssued(anchor.forgeCert, parsed.forgeCert),
    };
    signatureChecks.set(key, check);
  }
  return check;
}

function forgeSaysIssued(anchor: forge.pki.Certificate, child: forge.pki.Certificate): boolean {
  try {
    return anchor.verify(child); // throws when the issuer name does not match
  } catch {
    return false;
  }
}

function assertEndEntity(parsed: ParsedNodeCertificate): void {
  const cert = parsed.forgeCert;
  if (isCa(cert) || parsed.x509.ca) {
    throw new CertificateRejection('UNTRUSTED_CERTIFICATE', 'a CA certificate cannot be used as a node certificate');
  }
  if (!ACCEPTED_SIGNATURES.has(cert.siginfo.algorithmOid)) {
    throw new CertificateRejection(
      'UNTRUSTED_CERTIFICATE',
      `signature algorithm ${cert.siginfo.algorithmOid} is not accepted`,
    );
  }
  const key = cert.publicKey;
  if (!('n' in key) || key.n.bitLength() < MIN_RSA_BITS) {
    throw new CertificateRejection('UNTRUSTED_CERTIFICATE', `certificate key is shorter than ${MIN_RSA_BITS} bits`);
  }
}

/**
 * Finds the anchor that issued the certificate. Both node-forge and OpenSSL (via Node's
 * X509Certificate) must confirm the issuer and the signature: forge has had signature-forgery
 * bugs, and two independent implementations agreeing is cheap insurance.
 */
function findIssuingAnchor(parsed: ParsedNodeCertificate, anchorsPem: readonly string[], at: Date): TrustAnchor {
  const problems: string[] = [];
  for (const pem of anchorsPem) {
    let anchor: TrustAnchor;
    try {
      anchor = trustAnchor(pem);
    } catch {
      continue; // a broken anchor vouches for nothing; configuration validation reports it
    }
    const { nodeOk, forgeOk } = signatureCheck(anchor, parsed);
    if (!nodeOk && !forgeOk) continue;
    const label = `trust anchor ${anchor.agencyId ?? anchor.fingerprintSha256}`;
    if (nodeOk !== forgeOk) {
      problems.push(`${label}: OpenSSL and node-forge disagree on the signature`);
      continue;
    }
    if (at < anchor.forgeCert.validity.notBefore || at > anchor.forgeCert.validity.notAfter) {
      problems.push(`${label} is not valid at ${at.toISOString()}`);
      continue;
    }
    if (anchor.agencyId !== parsed.info.agencyId) {
      problems.push(`${label} may only vouch for its own agency, not "${parsed.info.agencyId}"`);
      continue;
    }
    return anchor;
  }
  const detail = problems.length > 0 ? problems.join('; ') : 'not issued by any configured trust anchor';
  throw new CertificateRejection('UNTRUSTED_CERTIFICATE', detail);
}

function isRevoked(fingerprint: string, revoked: ReadonlySet<string> | undefined): boolean {
  if (revoked === undefined || revoked.size === 0) return false;
  if (revoked.has(fingerprint) || revoked.has(fingerprint.toUpperCase())) return true;
  for (const entry of revoked) if (normalizeFingerprint(entry) === fingerprint) return true;
  return false;
}

/**
 * Accepts a node certificate or throws CertificateRejection. Checks run in a fixed order, so a
 * certificate with several faults always gets the same reason: MALFORMED_CERTIFICATE,
 * UNTRUSTED_CERTIFICATE, CERTIFICATE_REVOKED, CERTIFICATE_NOT_YET_VALID / CERTIFICATE_EXPIRED,
 * CERTIFICATE_NODE_MISMATCH, CERTIFICATE_PIN_MISMATCH.
 */
export function verifyNodeCertificate(pem: string, options: VerifyNodeCertificateOptions): VerifiedNodeCertificate {
  const parsed = decodeNodeCertificate(pem);
  const { info } = parsed;
  assertEndEntity(parsed);
  const anchor = findIssuingAnchor(parsed, options.trustAnchorsPem, options.at);

  if (isRevoked(info.fingerprintSha256, options.revokedFingerprints)) {
    throw new CertificateRejection('CERTIFICATE_REVOKED', `certificate ${info.fingerprintSha256} is revoked`);
  }
  if (options.at < info.notBefore) {
    throw new CertificateRejection('CERTIFICATE_NOT_YET_VALID', `valid from ${info.notBefore.toISOString()}`);
  }
  if (options.at > info.notAfter) {
    throw new CertificateRejection('CERTIFICATE_EXPIRED', `expired at ${info.notAfter.toISOString()}`);
  }
  if (parsed.sanNodeId !== info.nodeId) {
    throw new CertificateRejection(
      'CERTIFICATE_NODE_MISMATCH',
      `subject CN "${info.nodeId}" and SAN URI "${NODE_URI_PREFIX}${parsed.sanNodeId}" disagree`,
    );
  }
  if (options.expectedNodeId !== undefined && options.expectedNodeId !== info.nodeId) {
    throw new CertificateRejection(
      'CERTIFICATE_NODE_MISMATCH',
      `certificate is for node "${info.nodeId}", expected "${options.expectedNodeId}"`,
    );
  }
  if (
    options.pinnedFingerprint !== undefined &&
    normalizeFingerprint(options.pinnedFingerprint) !== info.fingerprintSha256
  ) {
    throw new CertificateRejection(
      'CERTIFICATE_PIN_MISMATCH',
      `certificate fingerprint ${info.fingerprintSha256} does not match the pinned fingerprint`,
    );
  }
  return { ...info, trustAnchorFingerprintSha256: anchor.fingerprintSha256 };
}
