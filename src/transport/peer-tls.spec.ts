import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { craftCertificate } from '../identity/identity.test-helpers.js';
import { pemOfPeerCertificate } from './peer-tls.js';

describe('pemOfPeerCertificate', () => {
  // The PEM is a cache key and what verification reads: it must be exactly OpenSSL's spelling.
  it("writes the handshake's certificate exactly as X509Certificate#toString does", () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const pem = craftCertificate({ issuer: 'self', subjectKeyPem: keyPem, cn: 'kr-knpa', o: 'kr-knpa' });
    const raw = new X509Certificate(pem).raw;
    expect(pemOfPeerCertificate({ raw } as PeerCertificate)).toBe(new X509Certificate(raw).toString());
    expect(pemOfPeerCertificate({} as PeerCertificate)).toBeNull();
  });
});
