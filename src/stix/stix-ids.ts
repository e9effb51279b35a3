import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from '../kernel/crypto/canonical-json.js';
import type { JsonObject } from '../kernel/crypto/canonical-json.js';

// Deterministic STIX identifiers, so that exporting the same thing twice yields the same ids and a
// partner's platform updates objects instead of piling up duplicates.

/** The namespace STIX 2.1 (section 2.9) fixes for the UUIDv5 of cyber-observable objects. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * This software's namespace for the ids of node identities and of the objects a node derives from
 * its cases and watchlist. Every node computes the same identity id for a node id, so an entry
 * relayed by the hub still points at its origin's identity.
 */
export const FEDNODE_NAMESPACE = '6f1b7c1e-3d2a-5b8e-9a41-2c7d0e6b5f13';

/** `<type>--<UUIDv5>` of the ID-contributing properties, canonicalised as RFC 8785 JSON (STIX 2.1 §2.9). */
export function scoId(type: string, contributing: JsonObject): string {
  return `${type}--${uuidv5(canonicalJson(contributing), STIX_SCO_NAMESPACE)}`;
}

export function nodeIdentityId(nodeId: string): string {
  return `identity--${uuidv5(`node:${nodeId}`, FEDNODE_NAMESPACE)}`;
}

/** An id owned by node `nodeId`, stable for the same `key` (e.g. `case/<id>/kh-cnp/identifier/w1`). */
export function derivedId(type: string, nodeId: string, key: string): string {
  return `${type}--${uuidv5(`${nodeId}/${key}`, FEDNODE_NAMESPACE)}`;
}

/** The creation time a UUIDv7 carries (milliseconds since the epoch, its first 48 bits). */
export function uuidv7Time(uuid: string): Date {
  return new Date(parseInt(uuid.replace(/-/g, '').slice(0, 12), 16));
}
