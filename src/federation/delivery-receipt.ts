import { canonicalJson } from '../kernel/crypto/canonical-json.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';

const RECEIPT_DOMAIN = 'fed-node/receipt/v1\0';

export const RECEIPT_STATUSES = ['ACCEPTED', 'REJECTED'] as const;

/** What the receiver says about one packet; signed with the receiver's Ed25519 node key. */
export interface DeliveryReceipt {
  version: 1;
  packetId: string;
  /** The node that received (and signs) the receipt. */
  receiver: string;
  /** The peer that delivered the packet. */
  deliveredBy: string;
  contentHash: string;
  status: (typeof RECEIPT_STATUSES)[number];
  /** For REJECTED: the stable reason code and detail. */
  reason?: string;
  detail?: string;
  receivedAt: string;
}

export interface SignedReceipt {
  receipt: DeliveryReceipt;
  /** base64url Ed25519 signature over the domain label and the canonical receipt. */
  signature: string;
  receiverCertificate: string;
}

/** A receipt as a partner sent it, checked against docs/schemas/receipt.json. */
export const signedReceiptSchema = wireValidator<SignedReceipt>('receipt');

function signedBytes(receipt: DeliveryReceipt): Uint8Array {
  return Buffer.from(RECEIPT_DOMAIN + canonicalJson(receipt as unknown as Parameters<typeof canonicalJson>[0]), 'utf8');
}

export async function signReceipt(
  receipt: DeliveryReceipt,
  signingSecretKey: Uint8Array,
  certificatePem: string,
): Promise<SignedReceipt> {
  const sodium = await sodiumReady();
  const signature = Buffer.from(sodium.crypto_sign_detached(signedBytes(receipt), signingSecretKey)).toString(
    'base64url',
  );
  return { receipt, signature, receiverCertificate: certificatePem };
}

/** Checks the receipt's signature with the receiver's (already verified) Ed25519 public key. */
export async function receiptSignatureValid(signed: SignedReceipt, signingPublicKey: Uint8Array): Promise<boolean> {
  const sodium = await sodiumReady();
  try {
    return sodium.crypto_sign_verify_detached(
      Buffer.from(signed.signature, 'base64url'),
      signedBytes(signed.receipt),
      signingPublicKey,
    );
  } catch {
    return false;
  }
}
