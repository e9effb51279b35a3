/**
 * Why an inbound packet was refused. The string values are stable: they are logged, stored in the
 * audit trail and may be returned to peers, so never rename one.
 */
export enum PacketRejectionReason {
  MALFORMED = 'MALFORMED',
  UNSUPPORTED_VERSION = 'UNSUPPORTED_VERSION',
  UNKNOWN_SENDER = 'UNKNOWN_SENDER',
  UNTRUSTED_CERTIFICATE = 'UNTRUSTED_CERTIFICATE',
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  CERTIFICATE_NOT_YET_VALID = 'CERTIFICATE_NOT_YET_VALID',
  CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED',
  /** A rotated-out certificate used after its grace period (requested by the identity module). */
  CERTIFICATE_SUPERSEDED = 'CERTIFICATE_SUPERSEDED',
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  NOT_ADDRESSED_TO_US = 'NOT_ADDRESSED_TO_US',
  DECRYPTION_FAILED = 'DECRYPTION_FAILED',
  PACKET_EXPIRED = 'PACKET_EXPIRED',
  PACKET_FROM_FUTURE = 'PACKET_FROM_FUTURE',
  REPLAY = 'REPLAY',
  HEADER_PAYLOAD_MISMATCH = 'HEADER_PAYLOAD_MISMATCH',
  /** Verified and decrypted, but the body is not a valid payload of its type (application level). */
  INVALID_PAYLOAD = 'INVALID_PAYLOAD',
  /** Verified and valid, but our inbound policy for the delivering partner does not accept it. */
  REJECTED_BY_INBOUND_POLICY = 'REJECTED_BY_INBOUND_POLICY',
}

const SUMMARY: Record<PacketRejectionReason, string> = {
  [PacketRejectionReason.MALFORMED]: 'packet is malformed',
  [PacketRejectionReason.UNSUPPORTED_VERSION]: 'packet format version is not supported',
  [PacketRejectionReason.UNKNOWN_SENDER]: 'sender is not a known peer',
  [PacketRejectionReason.UNTRUSTED_CERTIFICATE]: 'sender certificate is not trusted',
  [PacketRejectionReason.CERTIFICATE_EXPIRED]: 'sender certificate has expired',
  [PacketRejectionReason.CERTIFICATE_NOT_YET_VALID]: 'sender certificate is not yet valid',
  [PacketRejectionReason.CERTIFICATE_REVOKED]: 'sender certificate is revoked',
  [PacketRejectionReason.CERTIFICATE_SUPERSEDED]:
    'sender certificate was replaced and its rotation grace period has ended',
  [PacketRejectionReason.BAD_SIGNATURE]: 'packet signature is invalid',
  [PacketRejectionReason.NOT_ADDRESSED_TO_US]: 'packet is not addressed to this node',
  [PacketRejectionReason.DECRYPTION_FAILED]: 'packet could not be decrypted',
  [PacketRejectionReason.PACKET_EXPIRED]: 'packet has expired',
  [PacketRejectionReason.PACKET_FROM_FUTURE]: 'packet is dated in the future',
  [PacketRejectionReason.REPLAY]: 'packet was already received (replay)',
  [PacketRejectionReason.HEADER_PAYLOAD_MISMATCH]: 'packet header and payload disagree',
  [PacketRejectionReason.INVALID_PAYLOAD]: 'the decrypted body is not a valid payload of its packet type',
  [PacketRejectionReason.REJECTED_BY_INBOUND_POLICY]: 'the inbound policy for this partner does not accept the packet',
};

export interface PacketRejectionOptions {
  /** Packet id and sender when already known, so logs can name the packet. */
  packetId?: string;
  from?: string;
  cause?: unknown;
}

/**
 * The only error type `openPacket` / `verifyPacketSignature` throw for a bad packet. Anything else
 * escaping them is a bug in this code or in a caller-supplied callback (e.g. the database behind
 * `isReplay` being down), which callers must not record as a rejected packet.
 */
export class PacketRejection extends Error {
  override readonly name = 'PacketRejection';
  readonly reason: PacketRejectionReason;
  /** Operator-facing detail without the reason summary, e.g. "header.expiresAt: missing". */
  readonly detail: string;
  readonly packetId?: string;
  readonly from?: string;

  constructor(reason: PacketRejectionReason, detail: string, options: PacketRejectionOptions = {}) {
    super(
      `${reason}: ${SUMMARY[reason]}: ${detail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.reason = reason;
    this.detail = detail;
    this.packetId = options.packetId;
    this.from = options.from;
  }
}

export function isPacketRejection(error: unknown): error is PacketRejection {
  return error instanceof PacketRejection;
}

/** Shorthand for the many structural checks. */
export function malformed(detail: string): PacketRejection {
  return new PacketRejection(PacketRejectionReason.MALFORMED, detail);
}
