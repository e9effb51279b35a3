export { PacketRejection, PacketRejectionReason, isPacketRejection } from '../kernel/vocabulary/packet-rejection.js';
export type { PacketRejectionOptions } from '../kernel/vocabulary/packet-rejection.js';
export {
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  MAX_PACKET_LIFETIME_SECONDS,
  MAX_RECIPIENTS,
  PACKET_FORMAT_VERSION,
  checkPacketTimeWindow,
  validateHeader,
} from './packet-header.js';
export type { PacketHeader } from './packet-header.js';
export { decodePacket, serializePacket } from './packet-wire.js';
export type { RecipientEntry, SealedPacket } from './packet-wire.js';
export { openPacket, sealPacket, verifyPacketSignature } from './packet-envelope.js';
export type {
  EncryptionKeyPair,
  OpenPacketContext,
  OpenedPacket,
  PacketRecipient,
  PacketSender,
  RandomSource,
  SealPacketInput,
  VerifiedPacket,
  VerifySender,
} from './packet-envelope.js';
export { canonicalJson, canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
export type { JsonObject, JsonValue } from '../kernel/crypto/canonical-json.js';
export { keyIdOf } from '../kernel/crypto/binary-encoding.js';
export { SIGNATURE_DOMAIN } from './packet-crypto.js';
export { sodiumReady } from '../kernel/crypto/sodium.js';
export type { Sodium } from '../kernel/crypto/sodium.js';
