import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
import { certificateFingerprint } from './watchlist-certificate.js';
import type { SignedWatchlistEntry, WatchlistEntryVersion } from './watchlist-entry.js';
import { entrySigningBytes, verifyEd25519 } from './watchlist-signing.js';

/*
 * The relay grant (protocol version 2, docs/PROTOCOL.md §13.3): the origin's signed consent that one
 * relay may pass one version of one of its entries to the nodes it names, one hop. The origin signs it
 * when it serves the entry to the relay; the relay stores it and hands it on with the entry; a receiver
 * of a relayed entry takes it only under a grant naming the relay that delivered it and itself.
 */

/** Domain-separation label: no entry, packet or receipt signature can be replayed as a grant. */
export const RELAY_GRANT_DOMAIN = 'fed-node/watchlist-relay-grant/v1';

/** A grant as it travels on a feed item (docs/schemas/watchlist-feed-page.json#/$defs/grant). */
export interface RelayGrant {
  /** The node the origin lets relay the entry. */
  relay: string;
  /** The nodes the relay may pass it to (sorted, distinct). */
  to: string[];
  /** base64url Ed25519 signature of the origin over the label and the canonical grant (grantSigningBytes). */
  signature: string;
}

type GrantedVersion = Pick<WatchlistEntryVersion, 'entryId' | 'origin' | 'version'>;

/** The bytes the origin signs: the label, 0x00, then RFC 8785 JSON of { entryId, origin, relay, to, version }. */
export function grantSigningBytes(entry: GrantedVersion, relay: string, to: readonly string[]): Buffer {
  const { entryId, origin, version } = entry;
  return Buffer.from(`${RELAY_GRANT_DOMAIN}\0${canonicalJsonChecked({ entryId, origin, relay, to, version })}`, 'utf8');
}

/** RFC 8410 PKCS#8 header of a raw 32-byte Ed25519 seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Signs grants with the node's current Ed25519 key (node:crypto: a page may carry thousands). */
export class GrantSigner {
  private readonly key: KeyObject;
  private fingerprint?: string;

  /** `secretKey`: the 64-byte libsodium secret key (seed || public key) bound in `certificatePem`. */
  constructor(
    secretKey: Uint8Array,
    private readonly certificatePem: string,
  ) {
    const der = Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(secretKey.subarray(0, 32))]);
    this.key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  }

  sign(entry: GrantedVersion, relay: string, to: readonly string[]): RelayGrant {
    const sorted = [...new Set(to)].sort();
    const signature = cryptoSign(null, grantSigningBytes(entry, relay, sorted), this.key).toString('base64url');
    return { relay, to: sorted, signature };
  }

  /**
   * One of our own entries with its grant for `relay`. The receiver checks the grant under the item's
   * certificate, so an entry signed under an earlier certificate of ours is signed again under the
   * current one (same version, same content: receivers that hold it see a duplicate).
   */
  grantedItem<T extends SignedWatchlistEntry>(
    item: T,
    storedFingerprint: string,
    relay: string,
    to: readonly string[],
  ): T & { onwardTo: string[]; grant: RelayGrant } {
    const grant = this.sign(item.entry, relay, to);
    this.fingerprint ??= certificateFingerprint(this.certificatePem);
    const current =
      storedFingerprint === this.fingerprint
        ? item
        : {
            ...item,
            signature: cryptoSign(null, entrySigningBytes(item.entry), this.key).toString('base64url'),
            originCertificate: this.certificatePem,
          };
    return { ...current, onwardTo: grant.to, grant };
  }
}

/** Whether the origin key (from the entry's verified certificate) signed this grant for this version. */
export function grantSignatureValid(entry: GrantedVersion, grant: RelayGrant, originKey: KeyObject): boolean {
  try {
    const signature = Buffer.from(grant.signature, 'base64url');
    if (signature.toString('base64url') !== grant.signature) return false;
    return verifyEd25519(grantSigningBytes(entry, grant.relay, grant.to), signature, originKey);
  } catch {
    return false;
  }
}

/** What the receiver makes of an item's grant before any signature is checked (see checkGrant). */
export type GrantCheck =
  { grant: RelayGrant | undefined } | { refused: 'RELAY_NOT_GRANTED' | 'INVALID'; detail: string };

/**
 * The grant rules of a receiver `self` for an item delivered by `sender` (PROTOCOL.md §13.3):
 * - from the origin itself: a grant is optional, and must name `self` as the relay;
 * - relayed: the grant must name `sender` as the relay and `self` among its targets. A relayed
 *   tombstone may come without one (it only revokes): the caller takes it only for an entry it holds.
 */
export function checkGrant(
  entry: Pick<WatchlistEntryVersion, 'origin' | 'revoked'>,
  grant: RelayGrant | undefined,
  sender: string,
  self: string,
): GrantCheck {
  if (entry.origin === sender) {
    if (grant && grant.relay !== self)
      return { refused: 'INVALID', detail: `grant.relay names ${grant.relay}, not the receiver ${self}` };
    return { grant };
  }
  const named = grant !== undefined && grant.relay === sender && grant.to.includes(self);
  if (named || entry.revoked) return { grant: named ? grant : undefined };
  const why = !grant
    ? 'it carries no grant of its origin'
    : grant.relay !== sender
      ? `its grant is for relay ${grant.relay}`
      : `its grant names ${grant.to.join(', ')}`;
  return {
    refused: 'RELAY_NOT_GRANTED',
    detail: `${entry.origin} did not let ${sender} relay this entry to ${self}: ${why}`,
  };
}
