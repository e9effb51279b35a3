import { canonicalJsonChecked } from '../envelope/canonical-json.js';
import { sodiumReady, type Sodium } from '../envelope/sodium.js';
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
export function signEntryWith(sodium: Sodium, entry: WatchlistEntryVersion, secretKey: Uint8Array, originCertificate: string): SignedWatchlistEntry {
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
export async function signEntry(entry: WatchlistEntryVersion, secretKey: Uint8Array, originCertificate: string): Promise<SignedWatchlistEntry> {
  return signEntryWith(await sodiumReady(), entry, secretKey, originCertificate);
}

/** Checks the signature with the origin's Ed25519 public key (taken from its verified certificate). */
export async function verifyEntry(signed: SignedWatchlistEntry, publicKey: Uint8Array): Promise<boolean> {
  return verifyEntryWith(await sodiumReady(), signed, publicKey);
}
