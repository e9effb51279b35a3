import type { PeerCertificate } from 'node:tls';
import type { NodeIdentity } from '../identity/node-identity.loader.js';

/**
 * TLS settings shared by the peer endpoint (server) and the delivery client: this node's certificate,
 * the agency CAs it trusts, TLS 1.3 only. OpenSSL validates the chain; the node id is checked after.
 */
export function peerTlsOptions(identity: NodeIdentity) {
  return {
    key: identity.tlsKeyPem,
    cert: identity.certificatePem,
    ca: identity.trustAnchorsPem,
    minVersion: 'TLSv1.3' as const,
  };
}

/**
 * The PEM of a certificate presented in a TLS handshake, as X509Certificate#toString writes it (64
 * base64 characters a line), without parsing the certificate again on every connection.
 */
export function pemOfPeerCertificate(certificate: PeerCertificate): string | null {
  if (!certificate || !certificate.raw) return null;
  const lines = certificate.raw.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
