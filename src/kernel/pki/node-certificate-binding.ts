import { CertificateRejection } from './pki-errors.js';

/**
 * Private extension binding the node's libsodium keys to its X.509 certificate.
 *
 * OID 1.3.6.1.4.1.32473.3301.1.1 — under 1.3.6.1.4.1.32473, the IANA enterprise number reserved
 * for documentation and examples (RFC 5612): this project has no enterprise number of its own and
 * must not squat somebody else's. (A UUID arc under 2.25 would need no registration, but
 * node-forge cannot encode OID arcs above 2^32.) Replace it with a registered arc before the first
 * production certificate is issued: changing it later is a wire-format change.
 *
 * Value (DER, exactly 70 bytes):
 *   FedNodeKeyBinding ::= SEQUENCE {
 *     ed25519PublicKey OCTET STRING (SIZE (32)),   -- signing key (crypto_sign)
 *     x25519PublicKey  OCTET STRING (SIZE (32)) }  -- encryption key (crypto_box / crypto_box_seal)
 *   30 44 | 04 20 <32 bytes Ed25519> | 04 20 <32 bytes X25519>
 * A new layout would get a new OID rather than a version field.
 */
export const NODE_KEY_BINDING_OID = '1.3.6.1.4.1.32473.3301.1.1';

/** SAN URI naming the node: `urn:fed-node:<node-id>`. */
export const NODE_URI_PREFIX = 'urn:fed-node:';

const PUBLIC_KEY_BYTES = 32;
const BINDING_BYTES = 2 + 2 * (2 + PUBLIC_KEY_BYTES);

export function encodeNodeKeyBinding(ed25519PublicKey: Uint8Array, x25519PublicKey: Uint8Array): Buffer {
  if (ed25519PublicKey.length !== PUBLIC_KEY_BYTES || x25519PublicKey.length !== PUBLIC_KEY_BYTES) {
    throw new RangeError('Ed25519 and X25519 public keys must be 32 bytes each');
  }
  return Buffer.concat([
    Buffer.from([0x30, 2 * (2 + PUBLIC_KEY_BYTES)]),
    Buffer.from([0x04, PUBLIC_KEY_BYTES]),
    ed25519PublicKey,
    Buffer.from([0x04, PUBLIC_KEY_BYTES]),
    x25519PublicKey,
  ]);
}

/** Strict byte-level decoding: the DER of this structure has exactly one valid form. */
export function decodeNodeKeyBinding(value: Buffer): { ed25519PublicKey: Uint8Array; x25519PublicKey: Uint8Array } {
  const x = 2 + 2 + PUBLIC_KEY_BYTES;
  const wellFormed =
    value.length === BINDING_BYTES &&
    value[0] === 0x30 &&
    value[1] === BINDING_BYTES - 2 &&
    value[2] === 0x04 &&
    value[3] === PUBLIC_KEY_BYTES &&
    value[x] === 0x04 &&
    value[x + 1] === PUBLIC_KEY_BYTES;
  if (!wellFormed) {
    throw new CertificateRejection(
      'MALFORMED_CERTIFICATE',
      'node key binding extension is not a SEQUENCE of two 32-byte OCTET STRINGs',
    );
  }
  return {
    ed25519PublicKey: new Uint8Array(value.subarray(4, 4 + PUBLIC_KEY_BYTES)),
    x25519PublicKey: new Uint8Array(value.subarray(x + 2, x + 2 + PUBLIC_KEY_BYTES)),
  };
}

/** Accepts `AB:CD:…` or `abcd…`; returns lower-case hex without separators. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').trim().toLowerCase();
}
