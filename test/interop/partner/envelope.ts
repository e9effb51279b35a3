// The packet envelope of PROTOCOL.md §2–§10, with @noble primitives instead of libsodium.
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hsalsa, secretbox } from '@noble/ciphers/salsa.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { randomBytes } from 'node:crypto';
import { b64u, canonicalBytes, canonicalize, concatBytes, fromB64u, hex, strictUtf8, utf8 } from './canonical.js';
import type { Json } from './canonical.js';
import { checkWire, PacketError } from './packet-shape.js';
import type { Header, WirePacket } from './packet-shape.js';

export { PacketError } from './packet-shape.js';
export type { Header, WirePacket } from './packet-shape.js';

/** §10: keyId(pk) = b64u(SHA-256(pk)[0..16]), for Ed25519 and X25519 keys alike. */
export const keyId = (publicKey: Uint8Array): string => b64u(sha256(publicKey).subarray(0, 16));

const SIGNATURE_LABEL = concatBytes(utf8('fed-node/packet-signature/v1'), new Uint8Array([0]));

// ---- crypto_box_seal, libsodium's format (§5), built from X25519, HSalsa20, XSalsa20-Poly1305, BLAKE2b.

const SIGMA = new Uint32Array(new Uint8Array(utf8('expand 32-byte k')).buffer);
const words = (b: Uint8Array) => new Uint32Array(Uint8Array.from(b).buffer); // little-endian host assumed

/** crypto_box_beforenm: HSalsa20(X25519(sk, pk), 0^16). */
function boxKey(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const shared = x25519.getSharedSecret(secretKey, publicKey); // throws on an all-zero result, as libsodium does
  const out = new Uint32Array(8);
  hsalsa(SIGMA, words(shared), new Uint32Array(4), out);
  return new Uint8Array(out.buffer);
}

/** crypto_box_seed_keypair: sk = SHA-512(seed)[0..32], pk = X25519(sk, 9). */
export function boxSeedKeypair(seed: Uint8Array): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = sha512(seed).slice(0, 32);
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

export function sealKey(contentKey: Uint8Array, recipientPk: Uint8Array, ephemeralSeed: Uint8Array): Uint8Array {
  const eph = boxSeedKeypair(ephemeralSeed);
  const nonce = blake2b(concatBytes(eph.publicKey, recipientPk), { dkLen: 24 });
  const boxed = secretbox(boxKey(eph.secretKey, recipientPk), nonce).seal(contentKey);
  eph.secretKey.fill(0);
  return concatBytes(eph.publicKey, boxed);
}

export function openSealedKey(sealed: Uint8Array, pk: Uint8Array, sk: Uint8Array): Uint8Array {
  const epk = sealed.subarray(0, 32);
  const nonce = blake2b(concatBytes(epk, pk), { dkLen: 24 });
  return secretbox(boxKey(sk, epk), nonce).open(sealed.subarray(32));
}

// ---- sealing (§3–§7)

export interface SealInput {
  header: {
    packetId: string;
    type: string;
    createdAt: string;
    expiresAt: string;
    policyVersion: string;
    inReplyTo?: string;
  };
  from: string;
  body: Json;
  senderEd25519Seed: Uint8Array;
  senderCertificatePem: string;
  recipients: { nodeId: string; x25519PublicKey: Uint8Array }[];
  /** Fixed randomness, for test vectors only. */
  randomness?: { contentKey: Uint8Array; nonce: Uint8Array; ephemeralSeeds: Uint8Array[] };
}

export function signatureInput(H: Uint8Array, R: Uint8Array, N: Uint8Array, C: Uint8Array, certificate: string) {
  return concatBytes(SIGNATURE_LABEL, sha256(H), sha256(R), N, sha256(C), sha256(utf8(certificate)));
}

export function sealPacket(input: SealInput): { wire: string; packet: WirePacket; plaintext: Uint8Array } {
  const to = input.recipients.map((r) => r.nodeId);
  const K = input.randomness?.contentKey ?? randomBytes(32);
  const N = input.randomness?.nonce ?? randomBytes(24);
  const P = canonicalBytes({
    body: input.body,
    from: input.from,
    packetId: input.header.packetId,
    to,
    type: input.header.type,
  });
  const header: Header = {
    version: 1,
    ...input.header,
    from: input.from,
    to,
    contentHash: hex(sha256(P)),
    senderKeyId: keyId(ed25519.getPublicKey(input.senderEd25519Seed)),
  };
  const H = canonicalBytes(header);
  const C = xchacha20poly1305(K, N, H).encrypt(P);
  const recipients = input.recipients.map((r, i) => ({
    keyId: keyId(r.x25519PublicKey),
    sealedKey: b64u(sealKey(K, r.x25519PublicKey, input.randomness?.ephemeralSeeds[i] ?? randomBytes(32))),
    to: r.nodeId,
  }));
  const M = signatureInput(H, canonicalBytes(recipients), N, C, input.senderCertificatePem);
  const packet: WirePacket = {
    ciphertext: b64u(C),
    header,
    nonce: b64u(N),
    recipients,
    senderCertificate: input.senderCertificatePem,
    signature: b64u(ed25519.sign(M, input.senderEd25519Seed)),
  };
  return { wire: canonicalize(packet), packet, plaintext: P };
}

// ---- receiving (§8), steps in the document's order

export interface ReceiveOptions {
  self: string;
  /** Our X25519 key pairs, current first. */
  keyPairs: { secretKey: Uint8Array; publicKey: Uint8Array }[];
  now: Date;
  skewSeconds?: number;
  /** Step 4, the trust layer: returns the certified Ed25519 key or throws a PacketError. */
  certifySender: (certificatePem: string, from: string) => Uint8Array;
  /** Step 6: returns true when (from, packetId) was accepted before. */
  seenBefore?: (from: string, packetId: string) => boolean;
}

export interface OpenedPacket {
  packet: WirePacket;
  body: Json;
  plaintext: Uint8Array;
}

/** Parses and structurally checks the wire text (step 1 of §8). */
export function parsePacket(text: string | Uint8Array): WirePacket {
  let value: unknown;
  try {
    value = JSON.parse(typeof text === 'string' ? text : strictUtf8(text));
  } catch {
    throw new PacketError('MALFORMED', 'not UTF-8 JSON');
  }
  return checkWire(value);
}

/** Step 5: senderKeyId and the Ed25519 signature over M. */
export function verifyPacketSignature(packet: WirePacket, ed25519PublicKey: Uint8Array): void {
  if (packet.header.senderKeyId !== keyId(ed25519PublicKey))
    throw new PacketError('BAD_SIGNATURE', 'senderKeyId is not the key of the certificate');
  const M = signatureInput(
    canonicalBytes(packet.header),
    canonicalBytes(packet.recipients),
    fromB64u(packet.nonce),
    fromB64u(packet.ciphertext),
    packet.senderCertificate,
  );
  // zip215 off: RFC 8032 strict verification, as libsodium does (no non-canonical encodings).
  if (!ed25519.verify(fromB64u(packet.signature), M, ed25519PublicKey, { zip215: false }))
    throw new PacketError('BAD_SIGNATURE', 'signature does not verify');
}

export function receivePacket(text: string | Uint8Array, o: ReceiveOptions): OpenedPacket {
  const packet = parsePacket(text); // 1
  const { header } = packet;
  if (!header.to.includes(o.self)) throw new PacketError('NOT_ADDRESSED_TO_US', `not addressed to ${o.self}`); // 2
  const skew = (o.skewSeconds ?? 300) * 1000;
  if (Date.parse(header.createdAt) > o.now.getTime() + skew) throw new PacketError('PACKET_FROM_FUTURE', 'createdAt'); // 3
  if (o.now.getTime() > Date.parse(header.expiresAt) + skew) throw new PacketError('PACKET_EXPIRED', 'expiresAt');
  verifyPacketSignature(packet, o.certifySender(packet.senderCertificate, header.from)); // 4, 5
  if (o.seenBefore?.(header.from, header.packetId)) throw new PacketError('REPLAY', header.packetId); // 6
  const P = decrypt(packet, o); // 7
  if (hex(sha256(P)) !== header.contentHash) throw new PacketError('HEADER_PAYLOAD_MISMATCH', 'contentHash'); // 8
  return { packet, body: checkPlaintext(P, header), plaintext: P };
}

function decrypt(packet: WirePacket, o: ReceiveOptions): Uint8Array {
  const entry = packet.recipients.find((r) => r.to === o.self)!;
  const pair = o.keyPairs.find((p) => keyId(p.publicKey) === entry.keyId);
  if (!pair) throw new PacketError('DECRYPTION_FAILED', `no key pair with key id ${entry.keyId}`);
  try {
    const K = openSealedKey(fromB64u(entry.sealedKey), pair.publicKey, pair.secretKey);
    if (K.length !== 32) throw new Error('content key is not 32 bytes');
    return xchacha20poly1305(K, fromB64u(packet.nonce), canonicalBytes(packet.header)).decrypt(
      fromB64u(packet.ciphertext),
    );
  } catch (e) {
    throw new PacketError('DECRYPTION_FAILED', (e as Error).message);
  }
}

function checkPlaintext(P: Uint8Array, header: Header): Json {
  let plain: unknown;
  try {
    plain = JSON.parse(strictUtf8(P));
  } catch {
    throw new PacketError('MALFORMED', 'plaintext is not UTF-8 JSON');
  }
  const keys = plain && typeof plain === 'object' && !Array.isArray(plain) ? Object.keys(plain).sort() : [];
  if (keys.join() !== 'body,from,packetId,to,type') throw new PacketError('MALFORMED', 'plaintext members');
  const p = plain as { body: Json; from: unknown; packetId: unknown; to: unknown; type: unknown };
  const sameTo = Array.isArray(p.to) && p.to.length === header.to.length && p.to.every((t, i) => t === header.to[i]);
  if (p.from !== header.from || p.type !== header.type || p.packetId !== header.packetId || !sameTo)
    throw new PacketError('HEADER_PAYLOAD_MISMATCH', 'plaintext names other parties than the header');
  return p.body;
}

/** §7: is this wire text exactly the canonical (JCS) form of what it parses to? */
export function isCanonicalWire(text: string): boolean {
  return canonicalize(JSON.parse(text)) === text;
}
