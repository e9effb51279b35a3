// Signed delivery receipts, PROTOCOL.md §12 "Receipts".
import { ed25519 } from '@noble/curves/ed25519.js';
import { b64u, canonicalBytes, concatBytes, fromB64u, utf8 } from './canonical.js';
import { verifyNodeCertificate } from './pki.js';
import type { TrustOptions } from './pki.js';

export interface Receipt {
  version: 1;
  packetId: string;
  receiver: string;
  deliveredBy: string;
  contentHash: string;
  status: 'ACCEPTED' | 'REJECTED';
  reason?: string;
  detail?: string;
  receivedAt: string;
}

export interface SignedReceipt {
  receipt: Receipt;
  signature: string;
  receiverCertificate: string;
}

const LABEL = concatBytes(utf8('fed-node/receipt/v1'), new Uint8Array([0]));
const receiptMessage = (receipt: Receipt) => concatBytes(LABEL, canonicalBytes(receipt));

export function signReceipt(receipt: Receipt, ed25519Seed: Uint8Array, certificatePem: string): SignedReceipt {
  return {
    receipt,
    signature: b64u(ed25519.sign(receiptMessage(receipt), ed25519Seed)),
    receiverCertificate: certificatePem,
  };
}

export interface ExpectedReceipt {
  packetId: string;
  contentHash: string;
  receiver: string;
  trust: Omit<TrustOptions, 'expectedNodeId'>;
}

const RECEIPT_MEMBERS = [
  'contentHash',
  'deliveredBy',
  'detail',
  'packetId',
  'reason',
  'receivedAt',
  'receiver',
  'status',
  'version',
];

/** What a sender checks before it counts a packet delivered: certificate, signature, and that it is our packet. */
export function verifyReceipt(value: unknown, expected: ExpectedReceipt): Receipt {
  const signed = value as SignedReceipt;
  if (
    !signed ||
    typeof signed !== 'object' ||
    Object.keys(signed).sort().join() !== 'receipt,receiverCertificate,signature'
  )
    throw new Error('receipt: members must be receipt, signature, receiverCertificate');
  const r = signed.receipt;
  const unknown = Object.keys(r).filter((k) => !RECEIPT_MEMBERS.includes(k));
  if (unknown.length) throw new Error(`receipt: unknown member ${unknown[0]}`);
  if (r.version !== 1) throw new Error(`receipt: version ${String(r.version)}`);
  if (r.status !== 'ACCEPTED' && r.status !== 'REJECTED') throw new Error(`receipt: status ${String(r.status)}`);
  const node = verifyNodeCertificate(signed.receiverCertificate, {
    ...expected.trust,
    expectedNodeId: expected.receiver,
  });
  if (
    !ed25519.verify(fromB64u(signed.signature, 'signature'), receiptMessage(r), node.ed25519PublicKey, {
      zip215: false,
    })
  )
    throw new Error('receipt: signature does not verify');
  if (r.packetId !== expected.packetId) throw new Error(`receipt: packetId ${r.packetId}`);
  if (r.contentHash !== expected.contentHash) throw new Error('receipt: contentHash is not that of our packet');
  if (r.receiver !== expected.receiver) throw new Error(`receipt: receiver ${r.receiver}`);
  return r;
}
