import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { CertificateRejection, type CertificateRejectionReason } from './pki-errors.js';
import { craftCertificate, fakePublicKey } from '../../identity/identity.test-helpers.js';
import {
  type AgencyCa,
  NODE_KEY_BINDING_OID,
  createAgencyCa,
  issueNodeCertificate,
  parseNodeCertificate,
  verifyNodeCertificate,
} from './node-certificate.js';
import { encodeNodeKeyBinding } from './node-certificate-binding.js';
import { computeKeyId } from './key-id.js';

const ED = fakePublicKey(0x11);
const X = fakePublicKey(0x22);
const DAY = 24 * 3600 * 1000;

let knpaCa: AgencyCa;
let kcsCa: AgencyCa;
let knpaCert: string;
let spareKeyPem: string;

function issue(overrides: Partial<Parameters<typeof issueNodeCertificate>[0]> = {}) {
  return issueNodeCertificate({
    ca: knpaCa,
    nodeId: 'kr-knpa',
    agencyId: 'kr-knpa',
    ed25519PublicKey: ED,
    x25519PublicKey: X,
    validDays: 30,
    ...overrides,
  });
}

function reasonOf(work: () => unknown): CertificateRejectionReason {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateRejection);
    return (error as CertificateRejection).reason;
  }
  throw new Error('expected a CertificateRejection');
}

beforeAll(async () => {
  [knpaCa, kcsCa] = await Promise.all([
    createAgencyCa({ agencyId: 'kr-knpa', validDays: 365 }),
    createAgencyCa({ agencyId: 'kr-kcs', validDays: 365 }),
  ]);
  knpaCert = (await issue()).certPem;
  spareKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
});

describe('createAgencyCa', () => {
  it('creates a self-signed CA that may only sign certificates', () => {
    const x509 = new X509Certificate(knpaCa.certPem);
    expect(x509.ca).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.subject).toContain('O=kr-knpa');
    expect(knpaCa.keyPem).toMatch(/BEGIN PRIVATE KEY/);
    expect(x509.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(knpaCa.fingerprintSha256);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});

describe('issueNodeCertificate / parseNodeCertificate', () => {
  it('binds the node id and both libsodium keys, and round-trips', async () => {
    const issued = await issue();
    const info = parseNodeCertificate(issued.certPem);
    expect(info.nodeId).toBe('kr-knpa');
    expect(info.agencyId).toBe('kr-knpa');
    expect(info.issuerCn).toBe('kr-knpa Federation CA');
    expect(Buffer.from(info.ed25519PublicKey)).toEqual(Buffer.from(ED));
    expect(Buffer.from(info.x25519PublicKey)).toEqual(Buffer.from(X));
    expect(info.keyId).toBe(computeKeyId(ED, X));
    expect(info.notAfter.getTime() - info.notBefore.getTime()).toBe(30 * DAY);
    expect(info.serialNumber).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(issued.info).toEqual(info);
    expect(issued.keyPem).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('is a standard certificate Node/OpenSSL reads: SAN, key usages, issuer signature, the private extension', async () => {
    const issued = await issue({ dnsNames: ['knpa.example', 'localhost'], ipAddresses: ['127.0.0.1', '::1'] });
    const x509 = new X509Certificate(issued.certPem);
    const ca = new X509Certificate(knpaCa.certPem);
    expect(x509.ca).toBe(false);
    expect(x509.subject).toBe('CN=kr-knpa\nO=kr-knpa');
    expect(x509.subjectAltName).toBe(
      'URI:urn:fed-node:kr-knpa, DNS:knpa.example, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(x509.keyUsage.sort()).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']); // serverAuth, clientAuth
    expect(x509.checkIssued(ca)).toBe(true);
    expect(x509.verify(ca.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(await import('node:crypto').then((c) => c.createPrivateKey(issued.keyPem)))).toBe(true);
    expect(x509.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(issued.info.fingerprintSha256);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    // The whole Extension, encoded by hand: SEQUENCE { OID 1.3.6.1.4.1.32473.3301.1.1, (critical absent = false),
    // OCTET STRING { SEQUENCE { OCTET STRING ed25519, OCTET STRING x25519 } } }.
    expect(NODE_KEY_BINDING_OID).toBe('1.3.6.1.4.1.32473.3301.1.1');
    const extension = Buffer.concat([
      Buffer.from('3056060c2b0601040181fd5999650101' + '0446' + '30440420', 'hex'),
      Buffer.from(ED),
      Buffer.from('0420', 'hex'),
      Buffer.from(X),
    ]);
    expect(x509.raw.includes(extension)).toBe(true);
    expect(encodeNodeKeyBinding(ED, X)).toEqual(extension.subarray(18));
  });

  it('defaults to DNS localhost and IP 127.0.0.1', () => {
    expect(new X509Certificate(knpaCert).subjectAltName).toBe(
      'URI:urn:fed-node:kr-knpa, DNS:localhost, IP Address:127.0.0.1',
    );
  });

  it('refuses inconsistent inputs', async () => {
    await expect(issue({ agencyId: 'kr-kcs' })).rejects.toThrow(/belongs to agency "kr-knpa"/);
    await expect(issue({ ca: { certPem: knpaCa.certPem, keyPem: kcsCa.keyPem } })).rejects.toThrow(/does not belong/);
    await expect(issue({ validDays: 400 })).rejects.toThrow(/outlive its CA/);
    await expect(issue({ nodeId: '../etc' })).rejects.toThrow(/Invalid node id/);
    await expect(issue({ ed25519PublicKey: new Uint8Array(31) })).rejects.toThrow(/32 bytes/);
    await expect(issue({ ipAddresses: ['not-an-ip'] })).rejects.toThrow(/Invalid IP/);
  });

  it('rejects malformed certificates and missing or invalid bindings as MALFORMED_CERTIFICATE', () => {
    expect(reasonOf(() => parseNodeCertificate('not a certificate'))).toBe('MALFORMED_CERTIFICATE');
    expect(reasonOf(() => parseNodeCertificate(knpaCert + knpaCert))).toBe('MALFORMED_CERTIFICATE');
    const truncated = knpaCert.slice(0, 300) + knpaCert.slice(304);
    expect(reasonOf(() => parseNodeCertificate(truncated))).toBe('MALFORMED_CERTIFICATE');
    const issuer = { certPem: knpaCa.certPem, keyPem: knpaCa.keyPem };
    const noBinding = craftCertificate({
      issuer,
      subjectKeyPem: spareKeyPem,
      cn: 'kr-knpa',
      o: 'kr-knpa',
      binding: null,
    });
    expect(reasonOf(() => parseNodeCertificate(noBinding))).toBe('MALFORMED_CERTIFICATE');
    const badBinding = craftCertificate({
      issuer,
      subjectKeyPem: spareKeyPem,
      cn: 'kr-knpa',
      o: 'kr-knpa',
      binding: Buffer.from('3000', 'hex'),
    });
    expect(reasonOf(() => parseNodeCertificate(badBinding))).toBe('MALFORMED_CERTIFICATE');
    const noSan = craftCertificate({ issuer, subjectKeyPem: spareKeyPem, cn: 'kr-knpa', o: 'kr-knpa', sanUris: [] });
    expect(reasonOf(() => parseNodeCertificate(noSan))).toBe('MALFORMED_CERTIFICATE');
    const twoSans = craftCertificate({
      issuer,
      subjectKeyPem: spareKeyPem,
      cn: 'kr-knpa',
      o: 'kr-knpa',
      sanUris: ['urn:fed-node:kr-knpa', 'urn:fed-node:kr-kcs'],
    });
    expect(reasonOf(() => parseNodeCertificate(twoSans))).toBe('MALFORMED_CERTIFICATE');
    const ed = generateKeyPairSync('ed25519');
    const x509Ed = ed.privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(reasonOf(() => parseNodeCertificate(String(x509Ed)))).toBe('MALFORMED_CERTIFICATE');
  });

  it('rejects a certificate whose CN and SAN URI disagree', () => {
    const pem = craftCertificate({
      issuer: knpaCa,
      subjectKeyPem: spareKeyPem,
      cn: 'kr-knpa',
      o: 'kr-knpa',
      sanUris: ['urn:fed-node:kr-kcs'],
    });
    expect(reasonOf(() => parseNodeCertificate(pem))).toBe('CERTIFICATE_NODE_MISMATCH');
    const at = new Date();
    expect(reasonOf(() => verifyNodeCertificate(pem, { trustAnchorsPem: [knpaCa.certPem], at }))).toBe(
      'CERTIFICATE_NODE_MISMATCH',
    );
  });
});

describe('verifyNodeCertificate', () => {
  const now = () => new Date();
  const anchors = () => [kcsCa.certPem, knpaCa.certPem];

  it('accepts a good certificate and names the anchor', () => {
    const verified = verifyNodeCertificate(knpaCert, {
      trustAnchorsPem: anchors(),
      at: now(),
      expectedNodeId: 'kr-knpa',
    });
    expect(verified.nodeId).toBe('kr-knpa');
    expect(verified.trustAnchorFingerprintSha256).toBe(knpaCa.fingerprintSha256);
    expect(Buffer.from(verified.ed25519PublicKey)).toEqual(Buffer.from(ED));
  });

  it('UNTRUSTED_CERTIFICATE when no anchor issued it', () => {
    expect(reasonOf(() => verifyNodeCertificate(knpaCert, { trustAnchorsPem: [kcsCa.certPem], at: now() }))).toBe(
      'UNTRUSTED_CERTIFICATE',
    );
    expect(reasonOf(() => verifyNodeCertificate(knpaCert, { trustAnchorsPem: [], at: now() }))).toBe(
      'UNTRUSTED_CERTIFICATE',
    );
    // An anchor that is a node certificate, or garbage, vouches for nothing.
    expect(reasonOf(() => verifyNodeCertificate(knpaCert, { trustAnchorsPem: [knpaCert, 'junk'], at: now() }))).toBe(
      'UNTRUSTED_CERTIFICATE',
    );
  });

  it('UNTRUSTED_CERTIFICATE for a self-signed impostor with the same CA name', async () => {
    const impostorCa = await createAgencyCa({ agencyId: 'kr-knpa', validDays: 365 });
    const forged = (
      await issueNodeCertificate({
        ca: impostorCa,
        nodeId: 'kr-knpa',
        agencyId: 'kr-knpa',
        ed25519PublicKey: ED,
        x25519PublicKey: X,
        validDays: 30,
      })
    ).certPem;
    expect(reasonOf(() => verifyNodeCertificate(forged, { trustAnchorsPem: anchors(), at: now() }))).toBe(
      'UNTRUSTED_CERTIFICATE',
    );
  });

  it('UNTRUSTED_CERTIFICATE for a CA certificate, a foreign agency, SHA-1, or an expired anchor', async () => {
    const asCa = craftCertificate({
      issuer: knpaCa,
      subjectKeyPem: spareKeyPem,
      cn: 'kr-knpa',
      o: 'kr-knpa',
      cA: true,
    });
    expect(reasonOf(() => verifyNodeCertificate(asCa, { trustAnchorsPem: anchors(), at: now() }))).toBe(
      'UNTRUSTED_CERTIFICATE',
    );
    const foreign = craftCertificate({ issuer: knpaCa, subjectKeyPem: spareKeyPem, cn: 'kr-kcs', o: 'kr-kcs' });
    expect(reasonOf(() => verifyNodeCertificate(foreign, { trustAnchorsPem: anchors(), at: now() }))).toBe(
      'UNTRUSTED_CERTIFICATE',
    );
    const sha1 = craftCertificate({
      issuer: knpaCa,
      subjectKeyPem: spareKeyPem,
      cn: 'kr-knpa',
      o: 'kr-knpa',
      digest: 'sha1',
    });
    expect(reasonOf(() => verifyNodeCertificate(sha1, { trustAnchorsPem: anchors(), at: now() }))).toBe(
      'UNTRUSTED_CERTIFICATE',
    );

    const oldCa = await createAgencyCa({
      agencyId: 'kr-knpa',
      validDays: 10,
      notBefore: new Date(Date.now() - 20 * DAY),
    });
    const underOld = craftCertificate({
      issuer: oldCa,
      subjectKeyPem: spareKeyPem,
      cn: 'kr-knpa',
      o: 'kr-knpa',
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + DAY),
    });
    expect(() => verifyNodeCertificate(underOld, { trustAnchorsPem: [oldCa.certPem], at: now() })).toThrow(
      /not valid at/,
    );
  });

  it('CERTIFICATE_EXPIRED and CERTIFICATE_NOT_YET_VALID', async () => {
    const past = await issue({ notBefore: new Date(Date.now() - 40 * DAY), validDays: 30 });
    expect(reasonOf(() => verifyNodeCertificate(past.certPem, { trustAnchorsPem: anchors(), at: now() }))).toBe(
      'CERTIFICATE_EXPIRED',
    );
    const future = await issue({ notBefore: new Date(Date.now() + 2 * DAY), validDays: 30 });
    expect(reasonOf(() => verifyNodeCertificate(future.certPem, { trustAnchorsPem: anchors(), at: now() }))).toBe(
      'CERTIFICATE_NOT_YET_VALID',
    );
    // The same certificate is fine at an instant inside its validity.
    expect(
      verifyNodeCertificate(future.certPem, { trustAnchorsPem: anchors(), at: new Date(Date.now() + 3 * DAY) }).nodeId,
    ).toBe('kr-knpa');
  });

  it('CERTIFICATE_REVOKED whatever the fingerprint spelling', () => {
    const fingerprint = parseNodeCertificate(knpaCert).fingerprintSha256;
    const colons = fingerprint.toUpperCase().match(/../g)!.join(':');
    for (const revoked of [fingerprint, fingerprint.toUpperCase(), colons]) {
      expect(
        reasonOf(() =>
          verifyNodeCertificate(knpaCert, {
            trustAnchorsPem: anchors(),
            at: now(),
            revokedFingerprints: new Set([revoked]),
          }),
        ),
      ).toBe('CERTIFICATE_REVOKED');
    }
    expect(
      verifyNodeCertificate(knpaCert, {
        trustAnchorsPem: anchors(),
        at: now(),
        revokedFingerprints: new Set(['ab'.repeat(32)]),
      }).nodeId,
    ).toBe('kr-knpa');
  });

  it('CERTIFICATE_NODE_MISMATCH when the certificate is for another node', () => {
    expect(
      reasonOf(() =>
        verifyNodeCertificate(knpaCert, { trustAnchorsPem: anchors(), at: now(), expectedNodeId: 'kr-kcs' }),
      ),
    ).toBe('CERTIFICATE_NODE_MISMATCH');
  });

  it('CERTIFICATE_PIN_MISMATCH unless the pin matches (hex with or without colons)', () => {
    const fingerprint = parseNodeCertificate(knpaCert).fingerprintSha256;
    expect(
      reasonOf(() =>
        verifyNodeCertificate(knpaCert, { trustAnchorsPem: anchors(), at: now(), pinnedFingerprint: 'cd'.repeat(32) }),
      ),
    ).toBe('CERTIFICATE_PIN_MISMATCH');
    const colons = fingerprint.toUpperCase().match(/../g)!.join(':');
    expect(
      verifyNodeCertificate(knpaCert, { trustAnchorsPem: anchors(), at: now(), pinnedFingerprint: colons })
        .fingerprintSha256,
    ).toBe(fingerprint);
  });

  it('checks in a fixed order: untrusted beats revoked beats expired', async () => {
    const past = await issue({ notBefore: new Date(Date.now() - 40 * DAY), validDays: 30 });
    const fp = parseNodeCertificate(past.certPem).fingerprintSha256;
    const revoked = new Set([fp]);
    expect(
      reasonOf(() =>
        verifyNodeCertificate(past.certPem, {
          trustAnchorsPem: [kcsCa.certPem],
          at: now(),
          revokedFingerprints: revoked,
        }),
      ),
    ).toBe('UNTRUSTED_CERTIFICATE');
    expect(
      reasonOf(() =>
        verifyNodeCertificate(past.certPem, { trustAnchorsPem: anchors(), at: now(), revokedFingerprints: revoked }),
      ),
    ).toBe('CERTIFICATE_REVOKED');
  });
});
