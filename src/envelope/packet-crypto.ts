import { concatBytes, sha256, utf8 } from '../kernel/crypto/binary-encoding.js';
import type { Sodium } from '../kernel/crypto/sodium.js';
import { CONTENT_KEY_BYTES, SEALED_KEY_BYTES } from './packet-wire.js';

/**
 * Domain-separation label that starts every signature input, NUL-terminated so no other protocol
 * message of ours can be read as a packet signature (29 bytes).
 */
export const SIGNATURE_DOMAIN = 'fed-node/packet-signature/v1';
const SIGNATURE_PREFIX = concatBytes(utf8(SIGNATURE_DOMAIN), new Uint8Array([0]));

/**
 * The byte string the origin signs (181 bytes, all parts fixed-length so the split is unambiguous):
 *   "fed-node/packet-signature/v1" || 0x00
 *   || SHA-256(canonical header) || SHA-256(canonical recipients) || nonce (24)
 *   || SHA-256(ciphertext) || SHA-256(UTF-8 sender certificate PEM)
 * Hashing the parts lets Ed25519 sign 181 bytes instead of streaming a 50 MiB ciphertext through
 * WebAssembly SHA-512 twice; node:crypto SHA-256 is native and several times faster.
 */
export function buildSignatureInput(
  headerBytes: Uint8Array,
  recipientsBytes: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  senderCertificate: string,
): Uint8Array {
  return concatBytes(
    SIGNATURE_PREFIX,
    sha256(headerBytes),
    sha256(recipientsBytes),
    nonce,
    sha256(ciphertext),
    sha256(utf8(senderCertificate)),
  );
}

/**
 * Byte-for-byte the libsodium `crypto_box_seal` format (ephemeral public key || crypto_box_easy with
 * nonce = BLAKE2b-192(eph_pk || recipient_pk)), but with the ephemeral key pair derived from a caller
 * seed. That keeps libsodium's slow RNG off the hot path and makes sealing reproducible for test
 * vectors, while any libsodium `crypto_box_seal_open` still opens it.
 */
export function sealContentKey(
  sodium: Sodium,
  contentKey: Uint8Array,
  recipientPublicKey: Uint8Array,
  seed: Uint8Array,
): Uint8Array {
  const ephemeral = sodium.crypto_box_seed_keypair(seed);
  try {
    const nonce = sodium.crypto_generichash(
      sodium.crypto_box_NONCEBYTES,
      concatBytes(ephemeral.publicKey, recipientPublicKey),
      null,
    );
    const box = sodium.crypto_box_easy(contentKey, nonce, recipientPublicKey, ephemeral.privateKey);
    const sealed = concatBytes(ephemeral.publicKey, box);
    if (sealed.length !== SEALED_KEY_BYTES) throw new Error('sealContentKey: unexpected sealed key length');
    return sealed;
  } finally {
    sodium.memzero(ephemeral.privateKey);
  }
}

/** Returns undefined when the sealed key does not open with this key pair. */
export function openContentKey(
  sodium: Sodium,
  sealedKey: Uint8Array,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
): Uint8Array | undefined {
  try {
    const key = sodium.crypto_box_seal_open(sealedKey, publicKey, secretKey);
    return key.length === CONTENT_KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}
