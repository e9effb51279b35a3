import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
import { sodiumReady, type Sodium } from '../kernel/crypto/sodium.js';
import { withoutUndefined, type SignedWatchlistEntry, type WatchlistEntryVersion } from './watchlist-entry.js';

/**
 * Domain-separation label that starts every watchlist signature input, NUL-terminated so that no
 * packet, receipt or other message of ours can be replayed as an entry signature (or the reverse).
 */
export const WATCHLIST_SIGNATURE_DOMAIN = 'fed-node/watchlist-entry/v1';

/** The bytes the origin signs: the label, 0x00, then the RFC 8785 canonical JSON of the version. */
export function entrySigningBytes(entry: WatchlistEntryVersion): Buffer {
  return Buffer.from(`${WATCHLIST_SIGNATURE_DOMAIN}\0${canonicalJsonChecked(withoutUndefined(entry))}`, 'utf8');
}

/** Signs with an already loaded libsodium; for loops over many entries. */
export function signEntryWith(
  sodium: Sodium,
  entry: WatchlistEntryVersion,
  secretKey: Uint8Array,
  originCertificate: string,
): SignedWatchlistEntry {
  const clean = withoutUndefined(entry);
  const signature = Buffer.from(sodium.crypto_sign_detached(entrySigningBytes(clean), secretKey)).toString('base64url');
  return { entry: clean, signature, originCertificate };
}

/** False for a wrong key, a changed entry or a malformed signature; never throws. */
export function verifyEntryWith(sodium: Sodium, signed: SignedWatchlistEntry, publicKey: Uint8Array): boolean {
  try {
    const signature = Buffer.from(signed.signature, 'base64url');
    if (signature.length !== 64 || signature.toString('base64url') !== signed.signature) return false;
    return sodium.crypto_sign_verify_detached(signature, entrySigningBytes(signed.entry), publicKey);
  } catch {
    return false;
  }
}

/** The origin signs one version of one of its entries with its Ed25519 node key. */
export async function signEntry(
  entry: WatchlistEntryVersion,
  secretKey: Uint8Array,
  originCertificate: string,
): Promise<SignedWatchlistEntry> {
  return signEntryWith(await sodiumReady(), entry, secretKey, originCertificate);
}

/** Checks the signature with the origin's Ed25519 public key (taken from its verified certificate). */
export async function verifyEntry(signed: SignedWatchlistEntry, publicKey: Uint8Array): Promise<boolean> {
  return verifyEntryWith(await sodiumReady(), signed, publicKey);
}

/** RFC 8410 SubjectPublicKeyInfo header of a raw 32-byte Ed25519 public key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const GROUP_ORDER = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');
/** Encodings of the points of small order (sign bit cleared), as libsodium's ge25519_has_small_order lists them. */
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((hex) => Buffer.from(hex, 'hex'));

/** The DER SubjectPublicKeyInfo of a raw Ed25519 public key. */
export function ed25519Spki(raw: Uint8Array): Buffer {
  if (raw.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  return Buffer.concat([ED25519_SPKI_PREFIX, raw]);
}

/** A node:crypto key object for a raw Ed25519 public key (from a verified certificate). */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: ed25519Spki(raw), format: 'der', type: 'spki' });
}

/** S < L: the signature is canonical (no S + L twin of a valid signature). */
function hasCanonicalScalar(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const byte = signature[32 + i];
    if (byte !== GROUP_ORDER[i]) return byte < GROUP_ORDER[i];
  }
  return false;
}

function hasSmallOrderR(signature: Uint8Array): boolean {
  return SMALL_ORDER.some((point) => {
    for (let i = 0; i < 31; i++) if (signature[i] !== point[i]) return false;
    return (signature[31] & 0x7f) === point[31];
  });
}

/**
 * Ed25519 verification with OpenSSL (node:crypto), which is faster here than libsodium's WebAssembly
 * build, accepting what crypto_sign_verify_detached accepts: strict (S < L, checked here as well as by
 * OpenSSL; R of small order refused as libsodium does). libsodium's extra refusal of non-canonical or
 * small-order public keys does not matter: keys come from verified node certificates.
 */
export function verifyEd25519(message: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  if (signature.length !== 64 || !hasCanonicalScalar(signature) || hasSmallOrderR(signature)) return false;
  return cryptoVerify(null, message, publicKey, signature);
}

/**
 * What OpenSSL has to check for an entry: the signed bytes and the decoded signature; null when the
 * signature cannot be valid (malformed, S ≥ L, R of small order). Never throws.
 */
export function entrySignatureInput(signed: SignedWatchlistEntry): { message: Buffer; signature: Buffer } | null {
  try {
    const signature = Buffer.from(signed.signature, 'base64url');
    if (signature.length !== 64 || signature.toString('base64url') !== signed.signature) return null;
    if (!hasCanonicalScalar(signature) || hasSmallOrderR(signature)) return null;
    return { message: entrySigningBytes(signed.entry), signature };
  } catch {
    return null;
  }
}

/** As verifyEntryWith, with node:crypto (see verifyEd25519); false for anything malformed, never throws. */
export function verifyEntryFast(signed: SignedWatchlistEntry, publicKey: KeyObject): boolean {
  const input = entrySignatureInput(signed);
  return input !== null && cryptoVerify(null, input.message, publicKey, input.signature);
}
