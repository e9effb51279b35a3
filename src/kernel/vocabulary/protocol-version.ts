/**
 * Versions of the federation protocol (docs/PROTOCOL.md §15). A node announces the versions it speaks in
 * `GET /federation/v1/hello`; a caller names the version of each exchange in the `Fed-Node-Protocol`
 * request header (absent: 1).
 *
 * 1. The protocol as first published.
 * 2. The origin signs the onward-sharing grant of each watchlist entry it lets a partner relay; a relayed
 *    entry without an origin-signed grant naming its receiver is refused (`RELAY_NOT_GRANTED`).
 */
export const PROTOCOL_VERSIONS = [1, 2] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];
export const NEWEST_PROTOCOL_VERSION: ProtocolVersion = 2;
/** The request header naming the protocol version of an exchange (lower case, as node:http delivers it). */
export const PROTOCOL_HEADER = 'fed-node-protocol';

export function isProtocolVersion(value: unknown): value is ProtocolVersion {
  return (PROTOCOL_VERSIONS as readonly unknown[]).includes(value);
}

/** The newest version both sides speak; undefined when they share none. `theirs` absent means [1]. */
export function commonProtocolVersion(theirs: readonly number[] | undefined): ProtocolVersion | undefined {
  const spoken = theirs ?? [1];
  return [...PROTOCOL_VERSIONS].reverse().find((version) => spoken.includes(version));
}
