import { PacketRejection, PacketRejectionReason, malformed } from '../kernel/vocabulary/packet-rejection.js';

/** The only wire format version this code writes and accepts. */
export const PACKET_FORMAT_VERSION = 1;
export const MAX_RECIPIENTS = 64;
/** Bounds how long a replay cache must remember a packet id (expiresAt + skew). */
export const MAX_PACKET_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;

/** Lower-case DNS-label style ids such as `kr-knpa`, `asean-hub`. */
export const NODE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** e.g. `case`, `watchlist-entry`, `receipt`, `reply`. */
export const PACKET_TYPE_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
export const POLICY_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$/;
/** RFC 9562 version 7, lower-case hex as `uuid` prints it. */
export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Exactly the shape of `Date.prototype.toISOString()`: UTC, milliseconds, `Z`. */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Lower-case hex SHA-256. */
export const CONTENT_HASH_PATTERN = /^[0-9a-f]{64}$/;
/** keyIdOf(): 16 bytes in unpadded base64url; the last character carries 4 spare zero bits. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;

export interface PacketHeader {
  version: typeof PACKET_FORMAT_VERSION;
  packetId: string;
  type: string;
  from: string;
  to: string[];
  createdAt: string;
  expiresAt: string;
  inReplyTo?: string;
  policyVersion: string;
  /** Lower-case hex SHA-256 of the canonical plaintext bytes. */
  contentHash: string;
  /** keyIdOf(sender's Ed25519 public key). */
  senderKeyId: string;
}

const HEADER_FIELDS: ReadonlySet<string> = new Set([
  'version',
  'packetId',
  'type',
  'from',
  'to',
  'createdAt',
  'expiresAt',
  'inReplyTo',
  'policyVersion',
  'contentHash',
  'senderKeyId',
]);

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Rejects fields we do not know: an unsigned-looking extra field must not ride along unnoticed. */
export function assertOnlyFields(record: Record<string, unknown>, allowed: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) throw malformed(`${path}: unknown field "${printable(key)}"`);
  }
}

export function requireString(record: Record<string, unknown>, key: string, path: string): string {
  if (!Object.prototype.hasOwnProperty.call(record, key)) throw malformed(`${path}.${key}: missing`);
  const value = record[key];
  if (typeof value !== 'string') throw malformed(`${path}.${key}: must be a string, got ${jsonType(value)}`);
  return value;
}

export function requireMatch(
  record: Record<string, unknown>,
  key: string,
  path: string,
  pattern: RegExp,
  what: string,
): string {
  const value = requireString(record, key, path);
  if (!pattern.test(value)) throw malformed(`${path}.${key}: "${printable(value)}" is not ${what}`);
  return value;
}

export function parseTimestamp(value: string): number | undefined {
  if (!TIMESTAMP_PATTERN.test(value)) return undefined;
  const ms = Date.parse(value);
  // Round-tripping rejects impossible dates such as 2025-02-30 that Date.parse would roll over.
  return Number.isFinite(ms) && new Date(ms).toISOString() === value ? ms : undefined;
}

function requireTimestamp(record: Record<string, unknown>, key: string, path: string): string {
  const value = requireString(record, key, path);
  if (parseTimestamp(value) === undefined) {
    throw malformed(
      `${path}.${key}: "${printable(value)}" is not a UTC timestamp of the form YYYY-MM-DDTHH:mm:ss.sssZ`,
    );
  }
  return value;
}

/**
 * Strict validation of a header taken from the wire (or built for sealing). Returns a fresh object
 * holding only the validated fields. Throws MALFORMED naming the field, or UNSUPPORTED_VERSION.
 */
export function validateHeader(value: unknown, path = 'header'): PacketHeader {
  if (!isPlainRecord(value)) throw malformed(`${path}: must be a JSON object, got ${jsonType(value)}`);
  // Version first: a future version may change every other field.
  if (!Object.prototype.hasOwnProperty.call(value, 'version')) throw malformed(`${path}.version: missing`);
  const version = value.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) {
    throw malformed(`${path}.version: must be an integer, got ${jsonType(version)}`);
  }
  if (version !== PACKET_FORMAT_VERSION) {
    throw new PacketRejection(
      PacketRejectionReason.UNSUPPORTED_VERSION,
      `${path}.version is ${version}; this node supports version ${PACKET_FORMAT_VERSION}`,
    );
  }
  assertOnlyFields(value, HEADER_FIELDS, path);

  const packetId = requireMatch(value, 'packetId', path, UUID_V7_PATTERN, 'a lower-case UUIDv7');
  const type = requireMatch(value, 'type', path, PACKET_TYPE_PATTERN, 'a packet type (a-z, 0-9, "-")');
  const from = requireMatch(value, 'from', path, NODE_ID_PATTERN, 'a node id');
  const to = requireNodeIdList(value, 'to', path);
  if (to.includes(from)) throw malformed(`${path}.to: must not contain the sender "${from}"`);
  const createdAt = requireTimestamp(value, 'createdAt', path);
  const expiresAt = requireTimestamp(value, 'expiresAt', path);
  const policyVersion = requireMatch(value, 'policyVersion', path, POLICY_VERSION_PATTERN, 'a policy version');
  const contentHash = requireMatch(value, 'contentHash', path, CONTENT_HASH_PATTERN, 'a lower-case hex SHA-256');
  const senderKeyId = requireMatch(value, 'senderKeyId', path, KEY_ID_PATTERN, 'a key id');

  const lifetimeMs = Date.parse(expiresAt) - Date.parse(createdAt);
  if (lifetimeMs <= 0) throw malformed(`${path}.expiresAt: must be after createdAt`);
  if (lifetimeMs > MAX_PACKET_LIFETIME_SECONDS * 1000) {
    throw malformed(`${path}.expiresAt: more than ${MAX_PACKET_LIFETIME_SECONDS / 86400} days after createdAt`);
  }

  const header: PacketHeader = {
    version: PACKET_FORMAT_VERSION,
    packetId,
    type,
    from,
    to,
    createdAt,
    expiresAt,
    policyVersion,
    contentHash,
    senderKeyId,
  };
  if (Object.prototype.hasOwnProperty.call(value, 'inReplyTo')) {
    header.inReplyTo = requireMatch(value, 'inReplyTo', path, UUID_V7_PATTERN, 'a lower-case UUIDv7');
  }
  return header;
}

function requireNodeIdList(record: Record<string, unknown>, key: string, path: string): string[] {
  if (!Object.prototype.hasOwnProperty.call(record, key)) throw malformed(`${path}.${key}: missing`);
  const list = record[key];
  if (!Array.isArray(list)) throw malformed(`${path}.${key}: must be an array, got ${jsonType(list)}`);
  if (list.length === 0 || list.length > MAX_RECIPIENTS) {
    throw malformed(`${path}.${key}: must list 1 to ${MAX_RECIPIENTS} node ids, got ${list.length}`);
  }
  const seen = new Set<string>();
  return list.map((item: unknown, index) => {
    if (typeof item !== 'string' || !NODE_ID_PATTERN.test(item)) {
      throw malformed(
        `${path}.${key}[${index}]: ${typeof item === 'string' ? `"${printable(item)}"` : jsonType(item)} is not a node id`,
      );
    }
    if (seen.has(item)) throw malformed(`${path}.${key}[${index}]: duplicate node id "${item}"`);
    seen.add(item);
    return item;
  });
}

/**
 * Receiver-side time window. A packet is accepted while
 *   createdAt <= now + skew   and   now <= expiresAt + skew
 * (both bounds inclusive). The skew allowance is symmetric so two nodes whose clocks differ by up to
 * `skew` agree on which packets are live.
 */
export function checkPacketTimeWindow(header: PacketHeader, now: Date, maxClockSkewSeconds: number): void {
  const nowMs = now.getTime();
  const skewMs = maxClockSkewSeconds * 1000;
  const context = { packetId: header.packetId, from: header.from };
  if (Date.parse(header.createdAt) > nowMs + skewMs) {
    throw new PacketRejection(
      PacketRejectionReason.PACKET_FROM_FUTURE,
      `created at ${header.createdAt}, more than ${maxClockSkewSeconds}s after this node's clock (${now.toISOString()})`,
      context,
    );
  }
  if (nowMs > Date.parse(header.expiresAt) + skewMs) {
    throw new PacketRejection(
      PacketRejectionReason.PACKET_EXPIRED,
      `expired at ${header.expiresAt} (this node's clock: ${now.toISOString()}, allowed skew ${maxClockSkewSeconds}s)`,
      context,
    );
  }
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Keeps hostile input from flooding or garbling log lines. */
export function printable(text: string, max = 80): string {
  const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
  return clipped.replace(
    /[\u0000-\u001f\u007f-\u009f"\\]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
