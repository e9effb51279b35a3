import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { bytesEqual, keyIdOf, sha256, toBase64url, utf8 } from '../kernel/crypto/binary-encoding.js';
import { assertJsonValue, canonicalJsonTrusted } from '../kernel/crypto/canonical-json.js';
import { ByteSink, writeCanonicalJson } from '../kernel/crypto/canonical-json-writer.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import { buildSignatureInput, openContentKey, sealContentKey } from './packet-crypto.js';
import {
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  MAX_RECIPIENTS,
  NODE_ID_PATTERN,
  PACKET_FORMAT_VERSION,
  type PacketHeader,
  checkPacketTimeWindow,
  isPlainRecord,
  validateHeader,
} from './packet-header.js';
import { PacketRejection, PacketRejectionReason, isPacketRejection } from '../kernel/vocabulary/packet-rejection.js';
import { CONTENT_KEY_BYTES, NONCE_BYTES, decodePacket, markWireSafe } from './packet-wire.js';
import type { DecodedPacket, RecipientEntry, SealedPacket } from './packet-wire.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import type { Sodium } from '../kernel/crypto/sodium.js';

/** Returns `length` fresh random bytes. Injected only by tests and vector generation. */
export type RandomSource = (length: number) => Uint8Array;

export interface PacketSender {
  nodeId: string;
  /** 64-byte libsodium Ed25519 secret key (seed || public key). */
  signingSecretKey: Uint8Array;
  signingPublicKey: Uint8Array;
  certificatePem: string;
}

export interface PacketRecipient {
  nodeId: string;
  /** The recipient's current X25519 public key, as bound in its certificate. */
  x25519PublicKey: Uint8Array;
}

export interface SealPacketInput {
  /** Defaults to a fresh UUIDv7. */
  packetId?: string;
  type: string;
  /** Optional; must equal sender.nodeId when given. */
  from?: string;
  /** Optional; must equal the recipients' node ids, in order, when given. */
  to?: string[];
  /** Defaults to now. */
  createdAt?: Date | string;
  expiresAt: Date | string;
  inReplyTo?: string;
  policyVersion: string;
  body: JsonValue;
  sender: PacketSender;
  recipients: PacketRecipient[];
  /** Draw order: content key (32), nonce (24), then one ephemeral seed (32) per recipient in order. */
  randomness?: RandomSource;
}

export interface EncryptionKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/**
 * Checks that `certificatePem` is a trusted, valid, unrevoked certificate for node `from` at time `at`
 * and returns the Ed25519 key it binds. Must throw PacketRejection with UNKNOWN_SENDER,
 * UNTRUSTED_CERTIFICATE, CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID or CERTIFICATE_REVOKED;
 * any other error is treated as an infrastructure failure and propagates unchanged.
 */
export type VerifySender = (
  from: string,
  certificatePem: string,
  at: Date,
) => Promise<{ signingPublicKey: Uint8Array }>;

export interface OpenPacketContext {
  self: {
    nodeId: string;
    /** Current key first, then previous (rotated) keys still inside their grace period. */
    encryptionKeys: readonly EncryptionKeyPair[];
  };
  verifySender: VerifySender;
  /**
   * True when (from, packetId) was already accepted. Called only after the signature verified, so an
   * implementation may record the id in the same call without forged packets burning ids. It must keep
   * ids until expiresAt + maxClockSkewSeconds; older packets are refused as expired anyway.
   */
  isReplay?: (packetId: string, from: string) => Promise<boolean>;
  now?: Date;
  maxClockSkewSeconds?: number;
}

export interface OpenedPacket {
  header: PacketHeader;
  body: JsonValue;
  senderCertificatePem: string;
}

export interface VerifiedPacket {
  header: PacketHeader;
  /** The validated wire object, safe to relay unchanged. */
  packet: SealedPacket;
  senderCertificatePem: string;
}

const defaultRandomness: RandomSource = (length) => randomBytes(length);
const PLAINTEXT_FIELDS = ['body', 'from', 'packetId', 'to', 'type'] as const;

/** Builds, encrypts and signs a packet. Throws TypeError for invalid input (a programming error). */
export async function sealPacket(input: SealPacketInput): Promise<SealedPacket> {
  const sodium = await sodiumReady();
  const { sender, recipients } = input;
  checkSender(sender);
  checkRecipients(recipients);
  const from = sender.nodeId;
  const to = recipients.map((r) => r.nodeId);
  if (input.from !== undefined && input.from !== from)
    throw new TypeError(`sealPacket: from "${input.from}" is not sender.nodeId "${from}"`);
  if (input.to !== undefined && (input.to.length !== to.length || input.to.some((id, i) => id !== to[i]))) {
    throw new TypeError("sealPacket: to must list the recipients' node ids in the same order");
  }
  try {
    assertJsonValue(input.body, 'body');
  } catch (error) {
    throw new TypeError(`sealPacket: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const packetId = input.packetId ?? uuidv7();
  // The plaintext is written straight into a pooled buffer, wiped and returned once encrypted.
  const sink = new ByteSink();
  try {
    writeCanonicalJson({ body: input.body, from, packetId, to, type: input.type }, sink);
    const plaintext = sink.bytes();
    const candidate: Record<string, unknown> = {
      version: PACKET_FORMAT_VERSION,
      packetId,
      type: input.type,
      from,
      to,
      createdAt: toTimestamp(input.createdAt ?? new Date(), 'createdAt'),
      expiresAt: toTimestamp(input.expiresAt, 'expiresAt'),
      policyVersion: input.policyVersion,
      contentHash: sha256(plaintext).toString('hex'),
      senderKeyId: keyIdOf(sender.signingPublicKey),
    };
    if (input.inReplyTo !== undefined) candidate.inReplyTo = input.inReplyTo;
    let header: PacketHeader;
    try {
      header = validateHeader(candidate);
    } catch (error) {
      if (isPacketRejection(error)) throw new TypeError(`sealPacket: ${error.detail}`, { cause: error });
      throw error;
    }
    return sealPrepared(sodium, header, plaintext, sender, recipients, input.randomness ?? defaultRandomness);
  } finally {
    sink.release();
  }
}

/**
 * Encrypts and signs an already built header and plaintext without checking that they agree.
 * @internal Exported for tests that need a correctly signed but inconsistent packet.
 */
export function sealPrepared(
  sodium: Sodium,
  header: PacketHeader,
  plaintext: Uint8Array,
  sender: PacketSender,
  recipients: readonly PacketRecipient[],
  randomness: RandomSource,
): SealedPacket {
  const headerBytes = utf8(canonicalJsonTrusted(header));
  // Copies, so zeroing the key never clobbers a caller's buffer.
  const contentKey = Uint8Array.from(draw(randomness, CONTENT_KEY_BYTES));
  const nonce = Uint8Array.from(draw(randomness, NONCE_BYTES));
  try {
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      plaintext,
      headerBytes,
      null,
      nonce,
      contentKey,
    );
    const entries: RecipientEntry[] = recipients.map((recipient) => {
      const seed = Uint8Array.from(draw(randomness, 32));
      const sealed = sealContentKey(sodium, contentKey, recipient.x25519PublicKey, seed);
      sodium.memzero(seed);
      return { to: recipient.nodeId, keyId: keyIdOf(recipient.x25519PublicKey), sealedKey: toBase64url(sealed) };
    });
    const recipientsBytes = utf8(canonicalJsonTrusted(entries));
    const signatureInput = buildSignatureInput(headerBytes, recipientsBytes, nonce, ciphertext, sender.certificatePem);
    const signature = sodium.crypto_sign_detached(signatureInput, sender.signingSecretKey);
    return markWireSafe({
      header,
      recipients: entries,
      nonce: toBase64url(nonce),
      ciphertext: toBase64url(ciphertext),
      signature: toBase64url(signature),
      senderCertificate: sender.certificatePem,
    });
  } finally {
    sodium.memzero(contentKey);
  }
}

/**
 * Verifies and decrypts an inbound packet (wire text, its UTF-8 bytes, or the parsed object).
 * Order: structure and version, addressed to us, time window, sender certificate, signature, replay,
 * decryption, plaintext/header agreement. Throws PacketRejection for every bad packet.
 */
export async function openPacket(packet: unknown, ctx: OpenPacketContext): Promise<OpenedPacket> {
  const sodium = await sodiumReady();
  const now = ctx.now ?? new Date();
  const skew = ctx.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
  if (!Number.isFinite(skew) || skew < 0)
    throw new TypeError('openPacket: maxClockSkewSeconds must be a non-negative number');
  if (Number.isNaN(now.getTime())) throw new TypeError('openPacket: now is an invalid Date');

  const decoded = decodePacket(packet);
  try {
    const { header } = decoded;
    const reject = (reason: PacketRejectionReason, detail: string, cause?: unknown): PacketRejection =>
      new PacketRejection(reason, detail, { packetId: header.packetId, from: header.from, cause });

    const index = header.to.indexOf(ctx.self.nodeId);
    if (index < 0) {
      throw reject(
        PacketRejectionReason.NOT_ADDRESSED_TO_US,
        `addressed to ${header.to.join(', ')}; this node is ${ctx.self.nodeId}`,
      );
    }
    checkPacketTimeWindow(header, now, skew);
    await verifyProvenance(sodium, decoded, ctx.verifySender, now);
    if (ctx.isReplay !== undefined && (await ctx.isReplay(header.packetId, header.from))) {
      throw reject(PacketRejectionReason.REPLAY, `packet ${header.packetId} from ${header.from} was already received`);
    }

    const entry = decoded.packet.recipients[index];
    const keyPair = ctx.self.encryptionKeys.find((k) => keyIdOf(k.publicKey) === entry.keyId);
    if (keyPair === undefined) {
      const held = ctx.self.encryptionKeys.map((k) => keyIdOf(k.publicKey)).join(', ') || 'none';
      throw reject(
        PacketRejectionReason.DECRYPTION_FAILED,
        `content key is sealed to key ${entry.keyId}, which this node does not hold (held: ${held})`,
      );
    }
    const contentKey = openContentKey(sodium, decoded.sealedKeys[index], keyPair.publicKey, keyPair.secretKey);
    if (contentKey === undefined)
      throw reject(PacketRejectionReason.DECRYPTION_FAILED, `sealed content key for key ${entry.keyId} does not open`);
    let plaintext: Uint8Array;
    try {
      plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        decoded.ciphertext,
        decoded.headerBytes,
        decoded.nonce,
        contentKey,
      );
    } catch (error) {
      throw reject(
        PacketRejectionReason.DECRYPTION_FAILED,
        'ciphertext does not authenticate under the content key and header',
        error,
      );
    } finally {
      sodium.memzero(contentKey);
    }

    try {
      if (sha256(plaintext).toString('hex') !== header.contentHash) {
        throw reject(
          PacketRejectionReason.HEADER_PAYLOAD_MISMATCH,
          'SHA-256 of the plaintext differs from header.contentHash',
        );
      }
      const body = parsePlaintext(plaintext, header, reject);
      return { header, body, senderCertificatePem: decoded.packet.senderCertificate };
    } finally {
      plaintext.fill(0);
    }
  } finally {
    decoded.release();
  }
}

/**
 * Checks provenance without decrypting (relays, and receivers of a forwarded packet): structure,
 * sender certificate via `verifySender` at `now`, and the origin's signature. It does not check the
 * time window or the addressees; call `checkPacketTimeWindow` for the former.
 */
export async function verifyPacketSignature(
  packet: unknown,
  verifySender: VerifySender,
  options: { now?: Date } = {},
): Promise<VerifiedPacket> {
  const sodium = await sodiumReady();
  const decoded = decodePacket(packet);
  try {
    await verifyProvenance(sodium, decoded, verifySender, options.now ?? new Date());
    return { header: decoded.header, packet: decoded.packet, senderCertificatePem: decoded.packet.senderCertificate };
  } finally {
    decoded.release();
  }
}

async function verifyProvenance(
  sodium: Sodium,
  decoded: DecodedPacket,
  verifySender: VerifySender,
  at: Date,
): Promise<void> {
  const { header } = decoded;
  const context = { packetId: header.packetId, from: header.from };
  // The sender check knows only the node; the refusal is recorded against this packet.
  const { signingPublicKey } = await verifySender(header.from, decoded.packet.senderCertificate, at).catch(
    (error: unknown) => {
      if (isPacketRejection(error) && error.packetId === undefined)
        throw new PacketRejection(error.reason, error.detail, { ...context, cause: error });
      throw error;
    },
  );
  if (!(signingPublicKey instanceof Uint8Array) || signingPublicKey.length !== 32) {
    throw new PacketRejection(
      PacketRejectionReason.UNTRUSTED_CERTIFICATE,
      'certificate does not bind a 32-byte Ed25519 key',
      context,
    );
  }
  const certKeyId = keyIdOf(signingPublicKey);
  if (certKeyId !== header.senderKeyId) {
    throw new PacketRejection(
      PacketRejectionReason.BAD_SIGNATURE,
      `header.senderKeyId ${header.senderKeyId} is not the certificate's signing key ${certKeyId}`,
      context,
    );
  }
  const input = buildSignatureInput(
    decoded.headerBytes,
    decoded.recipientsBytes,
    decoded.nonce,
    decoded.ciphertext,
    decoded.packet.senderCertificate,
  );
  let valid: boolean;
  try {
    valid = sodium.crypto_sign_verify_detached(decoded.signature, input, signingPublicKey);
  } catch {
    valid = false;
  }
  if (!valid)
    throw new PacketRejection(
      PacketRejectionReason.BAD_SIGNATURE,
      `Ed25519 signature does not verify under key ${certKeyId}`,
      context,
    );
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parsePlaintext(
  plaintext: Uint8Array,
  header: PacketHeader,
  reject: (reason: PacketRejectionReason, detail: string) => PacketRejection,
): JsonValue {
  let value: unknown;
  try {
    value = JSON.parse(utf8Strict.decode(plaintext)) as unknown;
  } catch {
    throw reject(PacketRejectionReason.MALFORMED, 'plaintext is not UTF-8 JSON');
  }
  if (!isPlainRecord(value)) throw reject(PacketRejectionReason.MALFORMED, 'plaintext is not a JSON object');
  const keys = Object.keys(value).sort();
  if (keys.length !== PLAINTEXT_FIELDS.length || keys.some((k, i) => k !== PLAINTEXT_FIELDS[i])) {
    throw reject(
      PacketRejectionReason.MALFORMED,
      `plaintext must have exactly the fields ${PLAINTEXT_FIELDS.join(', ')}`,
    );
  }
  const mismatch = (field: string): PacketRejection =>
    reject(PacketRejectionReason.HEADER_PAYLOAD_MISMATCH, `plaintext ${field} differs from header.${field}`);
  if (value.from !== header.from) throw mismatch('from');
  if (value.type !== header.type) throw mismatch('type');
  if (value.packetId !== header.packetId) throw mismatch('packetId');
  const to = value.to;
  if (!Array.isArray(to) || to.length !== header.to.length || to.some((id, i) => id !== header.to[i]))
    throw mismatch('to');
  return value.body as JsonValue;
}

function checkSender(sender: PacketSender): void {
  if (typeof sender?.nodeId !== 'string' || !NODE_ID_PATTERN.test(sender.nodeId))
    throw new TypeError('sealPacket: sender.nodeId is not a node id');
  if (!(sender.signingSecretKey instanceof Uint8Array) || sender.signingSecretKey.length !== 64) {
    throw new TypeError('sealPacket: sender.signingSecretKey must be a 64-byte Ed25519 secret key');
  }
  if (!(sender.signingPublicKey instanceof Uint8Array) || sender.signingPublicKey.length !== 32) {
    throw new TypeError('sealPacket: sender.signingPublicKey must be 32 bytes');
  }
  // libsodium secret keys end with their public key; a mismatch would only surface at the receiver.
  if (!bytesEqual(sender.signingSecretKey.subarray(32), sender.signingPublicKey)) {
    throw new TypeError('sealPacket: sender.signingPublicKey does not belong to sender.signingSecretKey');
  }
  if (typeof sender.certificatePem !== 'string' || sender.certificatePem.length === 0) {
    throw new TypeError('sealPacket: sender.certificatePem is required');
  }
}

function checkRecipients(recipients: readonly PacketRecipient[]): void {
  if (!Array.isArray(recipients) || recipients.length === 0 || recipients.length > MAX_RECIPIENTS) {
    throw new TypeError(`sealPacket: recipients must list 1 to ${MAX_RECIPIENTS} nodes`);
  }
  for (const [i, r] of recipients.entries()) {
    if (typeof r?.nodeId !== 'string' || !NODE_ID_PATTERN.test(r.nodeId))
      throw new TypeError(`sealPacket: recipients[${i}].nodeId is not a node id`);
    if (!(r.x25519PublicKey instanceof Uint8Array) || r.x25519PublicKey.length !== 32) {
      throw new TypeError(`sealPacket: recipients[${i}].x25519PublicKey must be 32 bytes`);
    }
  }
}

function toTimestamp(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`sealPacket: ${field} is an invalid Date`);
    return value.toISOString();
  }
  return value; // validateHeader checks the exact format
}

function draw(randomness: RandomSource, length: number): Uint8Array {
  const bytes = randomness(length);
  if (!(bytes instanceof Uint8Array) || bytes.length !== length)
    throw new TypeError(`randomness(${length}) returned the wrong length`);
  return bytes;
}
