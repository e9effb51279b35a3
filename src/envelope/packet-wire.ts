import { isAscii } from 'node:buffer';
import {
  base64urlDecodedLength,
  decodeBase64urlInto,
  fromBase64urlStrict,
  utf8,
} from '../kernel/crypto/binary-encoding.js';
import { canonicalJsonTrusted, hasLoneSurrogate } from '../kernel/crypto/canonical-json.js';
import {
  KEY_ID_PATTERN,
  type PacketHeader,
  assertOnlyFields,
  isPlainRecord,
  jsonType,
  printable,
  requireMatch,
  requireString,
  validateHeader,
} from './packet-header.js';
import { malformed } from '../kernel/vocabulary/packet-rejection.js';
import { acquireScratch, releaseScratch } from '../kernel/crypto/scratch-buffers.js';

export const NONCE_BYTES = 24; // crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
export const CONTENT_KEY_BYTES = 32; // crypto_aead_xchacha20poly1305_ietf_KEYBYTES
export const AEAD_TAG_BYTES = 16; // crypto_aead_xchacha20poly1305_ietf_ABYTES
export const SEALED_KEY_BYTES = 32 + 16 + CONTENT_KEY_BYTES; // crypto_box_SEALBYTES + key
export const SIGNATURE_BYTES = 64; // crypto_sign_BYTES
export const MAX_CERTIFICATE_CHARS = 65536;

/** One copy of the content key, sealed to one recipient's X25519 key. */
export interface RecipientEntry {
  /** Node id; entry i belongs to header.to[i]. */
  to: string;
  /** keyIdOf(the recipient X25519 public key the content key was sealed to). */
  keyId: string;
  /** base64url, 80 bytes: crypto_box_seal(contentKey, recipientPublicKey). */
  sealedKey: string;
}

/** The wire object. Binary fields are unpadded base64url; the wire text is its RFC 8785 form. */
export interface SealedPacket {
  header: PacketHeader;
  recipients: RecipientEntry[];
  /** 24 bytes. */
  nonce: string;
  /** XChaCha20-Poly1305 ciphertext with its 16-byte tag appended. */
  ciphertext: string;
  /** 64-byte Ed25519 signature over the signature input (see docs/PROTOCOL.md). */
  signature: string;
  /** The origin node's X.509 certificate in PEM; opaque to the envelope, verified by the caller. */
  senderCertificate: string;
}

/** A structurally valid packet with its binary fields decoded and its signed byte strings rebuilt. */
export interface DecodedPacket {
  /** The validated wire object (frozen), safe to relay unchanged. */
  packet: SealedPacket;
  header: PacketHeader;
  /** UTF-8 of the canonical header: the AEAD associated data and part of the signature input. */
  headerBytes: Uint8Array;
  /** UTF-8 of the canonical recipients array. */
  recipientsBytes: Uint8Array;
  sealedKeys: Uint8Array[];
  nonce: Uint8Array;
  /** A view into a pooled buffer: valid until release(). */
  ciphertext: Uint8Array;
  signature: Uint8Array;
  /** Returns the ciphertext buffer to the pool; call exactly once, in a finally block. */
  release(): void;
}

const PACKET_FIELDS: ReadonlySet<string> = new Set([
  'header',
  'recipients',
  'nonce',
  'ciphertext',
  'signature',
  'senderCertificate',
]);
const RECIPIENT_FIELDS: ReadonlySet<string> = new Set(['to', 'keyId', 'sealedKey']);
const BASE64URL_CHARS = /^[A-Za-z0-9_-]*$/;
const CIPHERTEXT_PREFIX = '{"ciphertext":"';
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Packets built by sealPacket or decodePacket: frozen, and their fields known to be wire-safe. */
const wireSafe = new WeakSet<SealedPacket>();

/**
 * Accepts the wire text, its UTF-8 bytes, or an already parsed JSON object, and validates every field.
 * Throws PacketRejection (MALFORMED or UNSUPPORTED_VERSION).
 */
export function decodePacket(input: unknown): DecodedPacket {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (input instanceof Uint8Array) {
    try {
      text = isAscii(input)
        ? Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1')
        : utf8Strict.decode(input);
    } catch {
      throw malformed('packet: not valid UTF-8');
    }
  } else {
    return decodeValue(input);
  }
  const fast = decodeCanonicalText(text);
  if (fast !== undefined) return fast;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw malformed(`packet: not valid JSON (${error instanceof Error ? printable(error.message) : 'parse error'})`);
  }
  return decodeValue(value);
}

/**
 * Fast path for wire text in exactly the canonical form we send: the multi-megabyte ciphertext is
 * taken as a slice of the input (no copy) instead of through JSON.parse, and only the small rest is
 * parsed. Anything unusual (other key order, whitespace, escapes, duplicate keys, any invalid field)
 * returns undefined and the caller takes the general JSON.parse path, which is authoritative for
 * errors; requiring the rest to re-serialize to the identical text guarantees both paths agree.
 */
function decodeCanonicalText(text: string): DecodedPacket | undefined {
  if (!text.startsWith(CIPHERTEXT_PREFIX)) return undefined;
  const end = text.indexOf('"', CIPHERTEXT_PREFIX.length);
  if (end < 0 || text.charCodeAt(end + 1) !== 0x2c /* , */) return undefined;
  const tail = text.slice(end + 1);
  let rest: unknown;
  try {
    rest = JSON.parse(`{${tail.slice(1)}`) as unknown;
  } catch {
    return undefined;
  }
  if (!isPlainRecord(rest) || Object.prototype.hasOwnProperty.call(rest, 'ciphertext')) return undefined;
  let decoded: DecodedPacket;
  try {
    decoded = decodeValue({ ...rest, ciphertext: text.slice(CIPHERTEXT_PREFIX.length, end) });
  } catch {
    return undefined;
  }
  if (serializeTail(decoded.packet) !== tail) {
    decoded.release();
    return undefined;
  }
  return decoded;
}

function decodeValue(value: unknown): DecodedPacket {
  if (!isPlainRecord(value)) throw malformed(`packet: must be a JSON object, got ${jsonType(value)}`);
  if (!Object.prototype.hasOwnProperty.call(value, 'header')) throw malformed('packet.header: missing');
  const header = validateHeader(value.header, 'packet.header');
  assertOnlyFields(value, PACKET_FIELDS, 'packet');

  const recipients = decodeRecipients(value.recipients, header);
  const nonce = requireBinary(value, 'nonce', NONCE_BYTES, NONCE_BYTES);
  const ciphertextText = requireString(value, 'ciphertext', 'packet');
  const ciphertextLength = base64urlDecodedLength(ciphertextText.length);
  if (ciphertextLength === undefined) throw malformed('packet.ciphertext: not canonical unpadded base64url');
  if (ciphertextLength < AEAD_TAG_BYTES + 1) {
    throw malformed(`packet.ciphertext: decodes to ${ciphertextLength} bytes, expected at least ${AEAD_TAG_BYTES + 1}`);
  }
  const scratch = acquireScratch(ciphertextLength);
  try {
    if (decodeBase64urlInto(ciphertextText, scratch) === undefined)
      throw malformed('packet.ciphertext: not canonical unpadded base64url');
    const signature = requireBinary(value, 'signature', SIGNATURE_BYTES, SIGNATURE_BYTES);
    const senderCertificate = requireString(value, 'senderCertificate', 'packet');
    if (senderCertificate.length === 0 || senderCertificate.length > MAX_CERTIFICATE_CHARS) {
      throw malformed(`packet.senderCertificate: must be 1 to ${MAX_CERTIFICATE_CHARS} characters`);
    }
    // Lone surrogates all become U+FFFD in UTF-8, so two different strings would hash alike.
    if (hasLoneSurrogate(senderCertificate))
      throw malformed('packet.senderCertificate: contains a lone UTF-16 surrogate');

    const packet = markWireSafe({
      header,
      recipients: recipients.entries,
      nonce: value.nonce as string,
      ciphertext: ciphertextText,
      signature: value.signature as string,
      senderCertificate,
    });
    let released = false;
    return {
      packet,
      header,
      headerBytes: utf8(canonicalJsonTrusted(header)),
      recipientsBytes: utf8(canonicalJsonTrusted(recipients.entries)),
      sealedKeys: recipients.sealedKeys,
      nonce,
      ciphertext: scratch.subarray(0, ciphertextLength),
      signature,
      release: () => {
        if (!released) releaseScratch(scratch);
        released = true;
      },
    };
  } catch (error) {
    releaseScratch(scratch);
    throw error;
  }
}

function decodeRecipients(
  list: unknown,
  header: PacketHeader,
): { entries: RecipientEntry[]; sealedKeys: Uint8Array[] } {
  if (list === undefined) throw malformed('packet.recipients: missing');
  if (!Array.isArray(list)) throw malformed(`packet.recipients: must be an array, got ${jsonType(list)}`);
  if (list.length !== header.to.length) {
    throw malformed(`packet.recipients: has ${list.length} entries but header.to names ${header.to.length} nodes`);
  }
  const entries: RecipientEntry[] = [];
  const sealedKeys: Uint8Array[] = [];
  list.forEach((item: unknown, index) => {
    const path = `packet.recipients[${index}]`;
    if (!isPlainRecord(item)) throw malformed(`${path}: must be a JSON object, got ${jsonType(item)}`);
    assertOnlyFields(item, RECIPIENT_FIELDS, path);
    const to = requireString(item, 'to', path);
    // One entry per addressee, in header order, so "addressed to us" has exactly one meaning.
    if (to !== header.to[index])
      throw malformed(`${path}.to: "${printable(to)}" does not match header.to[${index}] "${header.to[index]}"`);
    const keyId = requireMatch(item, 'keyId', path, KEY_ID_PATTERN, 'a key id');
    sealedKeys.push(requireBinary(item, 'sealedKey', SEALED_KEY_BYTES, SEALED_KEY_BYTES, path));
    entries.push({ to, keyId, sealedKey: item.sealedKey as string });
  });
  return { entries, sealedKeys };
}

function requireBinary(
  record: Record<string, unknown>,
  key: string,
  minBytes: number,
  maxBytes: number,
  path = 'packet',
): Uint8Array {
  const text = requireString(record, key, path);
  const bytes = fromBase64urlStrict(text);
  if (bytes === undefined) throw malformed(`${path}.${key}: not canonical unpadded base64url`);
  if (bytes.length < minBytes || bytes.length > maxBytes) {
    const expected = minBytes === maxBytes ? `${minBytes}` : `at least ${minBytes}`;
    throw malformed(`${path}.${key}: decodes to ${bytes.length} bytes, expected ${expected}`);
  }
  return bytes;
}

/** Freezes a packet built from validated parts and remembers that its fields need no escaping. */
export function markWireSafe(packet: SealedPacket): SealedPacket {
  Object.freeze(packet.header.to);
  Object.freeze(packet.header);
  packet.recipients.forEach((entry) => Object.freeze(entry));
  Object.freeze(packet.recipients);
  Object.freeze(packet);
  wireSafe.add(packet);
  return packet;
}

/**
 * The wire text: RFC 8785 canonical JSON of the packet, equal to `canonicalize(packet)`. Built by hand
 * because the base64url fields need no escaping, and canonicalize would run JSON.stringify over a
 * multi-megabyte ciphertext. Key order is the JCS order (UTF-16 code units).
 */
export function serializePacket(packet: SealedPacket): string {
  // Packets we built or validated are frozen and known safe; anything else is checked, since an
  // unescaped '"' in a binary field would let it inject JSON.
  if (!wireSafe.has(packet)) {
    for (const key of ['nonce', 'ciphertext', 'signature'] as const) {
      if (typeof packet[key] !== 'string' || !BASE64URL_CHARS.test(packet[key])) {
        throw new TypeError(`serializePacket: packet.${key} is not base64url`);
      }
    }
  }
  return `${CIPHERTEXT_PREFIX}${packet.ciphertext}"${serializeTail(packet)}`;
}

/** Everything after the ciphertext value in the canonical wire text. */
function serializeTail(packet: SealedPacket): string {
  return (
    `,"header":${canonicalJsonTrusted(packet.header)}` +
    `,"nonce":${JSON.stringify(packet.nonce)}` +
    `,"recipients":${canonicalJsonTrusted(packet.recipients)}` +
    `,"senderCertificate":${JSON.stringify(packet.senderCertificate)}` +
    `,"signature":${JSON.stringify(packet.signature)}}`
  );
}
