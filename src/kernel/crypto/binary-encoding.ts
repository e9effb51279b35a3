import { createHash } from 'node:crypto';

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** 65,535 input bytes (a multiple of 3) encode to 87,380 characters: below V8's large-object size. */
const ENCODE_CHUNK_BYTES = 65535;

/**
 * Unpadded base64url (RFC 4648 §5). Large inputs are encoded in chunks and joined as a rope: each
 * chunk is an ordinary heap string, whereas one multi-megabyte string is a fresh large-object
 * allocation whose page faults cost more than the encoding itself on the VMs we run on.
 */
export function toBase64url(bytes: Uint8Array): string {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length <= ENCODE_CHUNK_BYTES) return view.toString('base64url');
  let text = '';
  for (let offset = 0; offset < view.length; offset += ENCODE_CHUNK_BYTES) {
    text += view.toString('base64url', offset, Math.min(offset + ENCODE_CHUNK_BYTES, view.length));
  }
  return text;
}

/** Bytes encoded by an unpadded base64url text of this length (undefined for impossible lengths). */
export function base64urlDecodedLength(textLength: number): number | undefined {
  return textLength % 4 === 1 ? undefined : Math.floor((textLength * 3) / 4);
}

/**
 * Strict unpadded base64url decoding into `target` at `offset`; returns the byte count, or undefined
 * if `text` is not the one canonical spelling of some bytes. Node's decoder accepts the standard
 * alphabet too, skips or stops at other characters and ignores the spare bits of the last character,
 * so several texts could decode to the same bytes; rejecting all but one means any change of a wire
 * character changes the decoded bytes. Checks, all cheap on megabyte inputs:
 * no `+` or `/`; every character consumed (a skipped or terminating character shortens the output);
 * spare low bits of the last character zero.
 */
export function decodeBase64urlInto(text: string, target: Uint8Array, offset = 0): number | undefined {
  const expected = base64urlDecodedLength(text.length);
  if (expected === undefined || target.length - offset < expected) return undefined;
  if (text.includes('+') || text.includes('/')) return undefined;
  const remainder = text.length % 4;
  if (remainder !== 0) {
    const last = BASE64URL_ALPHABET.indexOf(text[text.length - 1]);
    // 2 chars carry 1 byte (4 spare bits), 3 chars carry 2 bytes (2 spare bits).
    if (last < 0 || (last & (remainder === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  }
  const out = Buffer.from(target.buffer, target.byteOffset + offset, expected);
  const written = expected === 0 ? 0 : out.write(text, 0, expected, 'base64url');
  return written === expected ? written : undefined;
}

/** Strict decoding into a new buffer (see decodeBase64urlInto); undefined when not canonical. */
export function fromBase64urlStrict(text: string): Buffer | undefined {
  const length = base64urlDecodedLength(text.length);
  if (length === undefined) return undefined;
  const out = Buffer.allocUnsafe(length);
  return decodeBase64urlInto(text, out) === undefined ? undefined : out;
}

export function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Plain equality; every value compared with it is public, so constant time is not needed. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Identifier of a public key (X25519 or Ed25519): base64url of the first 16 bytes of SHA-256(key), 22 chars. */
export function keyIdOf(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new TypeError('keyIdOf: expected a 32-byte public key');
  }
  return toBase64url(sha256(publicKey).subarray(0, 16));
}
