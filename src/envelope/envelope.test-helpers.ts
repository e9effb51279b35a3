/**
 * Fixtures for the envelope specs and the benchmark: deterministic keys, a fake certificate and an
 * in-memory `verifySender`. No jest imports, so the benchmark build can compile it.
 */
import { createHash } from 'node:crypto';
import type {
  EncryptionKeyPair,
  PacketRecipient,
  PacketSender,
  RandomSource,
  VerifySender,
} from './packet-envelope.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';

export interface TestNode {
  nodeId: string;
  sender: PacketSender;
  /** Current encryption key pair. */
  encryption: EncryptionKeyPair;
  recipient: PacketRecipient;
}

/** 32 bytes derived from a label, so fixtures are reproducible without storing keys. */
export function seedFrom(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label).digest());
}

/** A stand-in PEM; the envelope treats the certificate as an opaque string. */
export function fakeCertificatePem(nodeId: string, generation = 1): string {
  const der = Buffer.from(`test certificate for ${nodeId}, generation ${generation}`).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----\n`;
}

export async function encryptionKeyPair(label: string): Promise<EncryptionKeyPair> {
  const sodium = await sodiumReady();
  const pair = sodium.crypto_box_seed_keypair(seedFrom(label));
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

export async function makeTestNode(nodeId: string, generation = 1): Promise<TestNode> {
  const sodium = await sodiumReady();
  const signing = sodium.crypto_sign_seed_keypair(seedFrom(`${nodeId}/signing/${generation}`));
  const encryption = await encryptionKeyPair(`${nodeId}/encryption/${generation}`);
  return {
    nodeId,
    sender: {
      nodeId,
      signingSecretKey: signing.privateKey,
      signingPublicKey: signing.publicKey,
      certificatePem: fakeCertificatePem(nodeId, generation),
    },
    encryption,
    recipient: { nodeId, x25519PublicKey: encryption.publicKey },
  };
}

export interface FakeTrustStoreOptions {
  revoked?: ReadonlySet<string>;
  expired?: ReadonlySet<string>;
}

/**
 * verifySender backed by a list of known nodes: the certificate must be exactly the one registered for
 * the sender (any other string is UNTRUSTED_CERTIFICATE), mimicking a pinned-certificate check.
 */
export function fakeVerifySender(nodes: readonly TestNode[], options: FakeTrustStoreOptions = {}): VerifySender {
  return async (from, certificatePem) => {
    const matches = nodes.filter((n) => n.nodeId === from);
    if (matches.length === 0) throw new PacketRejection(PacketRejectionReason.UNKNOWN_SENDER, `no peer named ${from}`);
    const node = matches.find((n) => n.sender.certificatePem === certificatePem);
    if (node === undefined)
      throw new PacketRejection(
        PacketRejectionReason.UNTRUSTED_CERTIFICATE,
        `certificate is not the one pinned for ${from}`,
      );
    if (options.revoked?.has(from))
      throw new PacketRejection(PacketRejectionReason.CERTIFICATE_REVOKED, `certificate of ${from} is revoked`);
    if (options.expired?.has(from))
      throw new PacketRejection(PacketRejectionReason.CERTIFICATE_EXPIRED, `certificate of ${from} expired`);
    return { signingPublicKey: node.sender.signingPublicKey };
  };
}

/** SHA-256 in counter mode: a reproducible RandomSource for tests and vectors (never for real packets). */
export function deterministicRandomness(label: string): RandomSource {
  let counter = 0;
  return (length) => {
    const out = new Uint8Array(length);
    for (let offset = 0; offset < length; offset += 32) {
      const block = createHash('sha256').update(`${label}/${counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, length - offset)), offset);
    }
    return out;
  };
}

/** A RandomSource that replays the given chunks in order and fails if asked for anything else. */
export function scriptedRandomness(chunks: readonly Uint8Array[]): RandomSource {
  let next = 0;
  return (length) => {
    const chunk = chunks[next++];
    if (chunk === undefined || chunk.length !== length)
      throw new Error(`scriptedRandomness: unexpected draw #${next} of ${length} bytes`);
    return chunk;
  };
}
