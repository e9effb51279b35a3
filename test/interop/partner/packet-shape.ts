// Structural rules of PROTOCOL.md §2 (header) and §7 (wire JSON); every failure is MALFORMED except the version.
import { fromB64u } from './canonical.js';

export class PacketError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface Header {
  version: 1;
  packetId: string;
  type: string;
  from: string;
  to: string[];
  createdAt: string;
  expiresAt: string;
  inReplyTo?: string;
  policyVersion: string;
  contentHash: string;
  senderKeyId: string;
}

export interface RecipientEntry {
  keyId: string;
  sealedKey: string;
  to: string;
}

export interface WirePacket {
  ciphertext: string;
  header: Header;
  nonce: string;
  recipients: RecipientEntry[];
  senderCertificate: string;
  signature: string;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TYPE = /^[a-z][a-z0-9-]{0,63}$/;
export const NODE_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const POLICY_VERSION = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$/;
const HEX64 = /^[0-9a-f]{64}$/;
// §10 defines keyId as b64u of 16 bytes; §2 gives no pattern for senderKeyId, so §7's keyId pattern is used.
export const KEY_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const HEADER_MEMBERS = [
  'contentHash',
  'createdAt',
  'expiresAt',
  'from',
  'inReplyTo',
  'packetId',
  'policyVersion',
  'senderKeyId',
  'to',
  'type',
  'version',
];
const WIRE_MEMBERS = 'ciphertext,header,nonce,recipients,senderCertificate,signature';
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const malformed = (field: string, what: string) => new PacketError('MALFORMED', `${field}: ${what}`);

function match(value: unknown, pattern: RegExp, field: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw malformed(field, `does not match ${pattern}`);
  return value;
}

function timestamp(value: unknown, field: string): number {
  const text = match(value, TIMESTAMP, field);
  const ms = Date.parse(text);
  // A real calendar date: toISOString gives the same text back (2025-02-30 would roll over to March).
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== text) throw malformed(field, 'not a real date/time');
  return ms;
}

function decoded(value: unknown, field: string, length: (n: number) => boolean): void {
  if (typeof value !== 'string') throw malformed(field, 'not a string');
  let bytes: Uint8Array;
  try {
    bytes = fromB64u(value, field);
  } catch (e) {
    throw malformed(field, (e as Error).message);
  }
  if (!length(bytes.length)) throw malformed(field, `wrong length ${bytes.length}`);
}

export function checkHeader(h: unknown): Header {
  if (!isObject(h)) throw malformed('header', 'missing');
  if (!Number.isInteger(h.version)) throw malformed('header.version', 'not an integer');
  if (h.version !== 1) throw new PacketError('UNSUPPORTED_VERSION', `version ${String(h.version)}`);
  const unknown = Object.keys(h).filter((k) => !HEADER_MEMBERS.includes(k));
  if (unknown.length) throw malformed('header', `unknown member ${unknown[0]}`);
  match(h.packetId, UUID_V7, 'header.packetId');
  match(h.type, TYPE, 'header.type');
  const from = match(h.from, NODE_ID, 'header.from');
  if (!Array.isArray(h.to) || h.to.length < 1 || h.to.length > 64) throw malformed('header.to', '1 to 64 node ids');
  h.to.forEach((t, i) => match(t, NODE_ID, `header.to.${i}`));
  if (new Set(h.to).size !== h.to.length) throw malformed('header.to', 'duplicate node id');
  if (h.to.includes(from)) throw malformed('header.to', 'contains from');
  const created = timestamp(h.createdAt, 'header.createdAt');
  const expires = timestamp(h.expiresAt, 'header.expiresAt');
  if (!(created < expires && expires - created <= THIRTY_DAYS_MS)) throw malformed('header.expiresAt', 'out of range');
  if ('inReplyTo' in h) match(h.inReplyTo, UUID_V7, 'header.inReplyTo');
  match(h.policyVersion, POLICY_VERSION, 'header.policyVersion');
  match(h.contentHash, HEX64, 'header.contentHash');
  match(h.senderKeyId, KEY_ID, 'header.senderKeyId');
  return h as unknown as Header;
}

export function checkWire(value: unknown): WirePacket {
  if (!isObject(value)) throw malformed('packet', 'not an object');
  const header = checkHeader(value.header); // the version is checked before anything else
  if (Object.keys(value).sort().join() !== WIRE_MEMBERS) throw malformed('packet', `members must be ${WIRE_MEMBERS}`);
  const { recipients } = value;
  if (!Array.isArray(recipients) || recipients.length !== header.to.length)
    throw malformed('recipients', 'one entry per header.to element');
  recipients.forEach((r: unknown, i) => {
    if (!isObject(r) || Object.keys(r).sort().join() !== 'keyId,sealedKey,to')
      throw malformed(`recipients.${i}`, 'members must be keyId, sealedKey, to');
    if (r.to !== header.to[i]) throw malformed(`recipients.${i}.to`, 'not header.to in order');
    match(r.keyId, KEY_ID, `recipients.${i}.keyId`);
    decoded(r.sealedKey, `recipients.${i}.sealedKey`, (n) => n === 80);
  });
  decoded(value.nonce, 'nonce', (n) => n === 24);
  decoded(value.signature, 'signature', (n) => n === 64);
  decoded(value.ciphertext, 'ciphertext', (n) => n >= 17);
  const cert = value.senderCertificate;
  if (typeof cert !== 'string' || cert.length < 1 || cert.length > 65536 || LONE_SURROGATE.test(cert))
    throw malformed('senderCertificate', 'a string of 1 to 65,536 UTF-16 code units');
  return value as unknown as WirePacket;
}
