/**
 * Committed receipt vectors (test/vectors/receipts-v1.json): a receiver's fixed Ed25519 seed and real
 * certificate, the receipt, the exact bytes signed and the exact wire text (RFC 8785). Regenerate with
 * UPDATE_VECTORS=1 only for an intended change, with a new receipt version.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { receiptSignatureValid, signedReceiptSchema, signReceipt, type DeliveryReceipt } from './delivery-receipt.js';

const VECTOR_FILE = new URL('../../test/vectors/receipts-v1.json', import.meta.url);
const certificate = (name: string) =>
  readFileSync(new URL(`../../test/vectors/certificates/${name}`, import.meta.url), 'utf8');

interface ReceiptInputs {
  name: string;
  httpStatus: 200 | 422;
  receiver: { nodeId: string; ed25519Seed: string; certificateFile: string };
  receipt: DeliveryReceipt;
}

function envelopeVector3(): { packetId: string; contentHash: string } {
  const file = JSON.parse(
    readFileSync(new URL('../../test/vectors/packet-envelope-v1.json', import.meta.url), 'utf8'),
  ) as {
    vectors: { inputs: { header: { packetId: string } }; derived: { contentHash: string } }[];
  };
  const vector = file.vectors[2];
  return { packetId: vector.inputs.header.packetId, contentHash: vector.derived.contentHash };
}

function inputs(): ReceiptInputs[] {
  const { packetId, contentHash } = envelopeVector3();
  const receiver = { nodeId: 'kh-cnp', ed25519Seed: '31'.repeat(32), certificateFile: 'kh-cnp.crt' };
  const base = { version: 1 as const, packetId, receiver: 'kh-cnp', deliveredBy: 'kr-knpa', contentHash };
  return [
    {
      name: 'ACCEPTED: kh-cnp takes packet vector 3 from kr-knpa (HTTP 200)',
      httpStatus: 200,
      receiver,
      receipt: { ...base, status: 'ACCEPTED', receivedAt: '2026-06-01T10:00:01.234Z' },
    },
    {
      name: 'REJECTED: a copy of packet vector 3 with its header changed, refused as BAD_SIGNATURE (HTTP 422)',
      httpStatus: 422,
      receiver,
      receipt: {
        ...base,
        status: 'REJECTED',
        reason: 'BAD_SIGNATURE',
        detail: 'packet signature does not verify under the sender certificate',
        receivedAt: '2026-06-01T10:05:00.000Z',
      },
    },
  ];
}

async function build(vector: ReceiptInputs): Promise<Record<string, unknown>> {
  const sodium = await sodiumReady();
  const keys = sodium.crypto_sign_seed_keypair(Buffer.from(vector.receiver.ed25519Seed, 'hex'));
  const signed = await signReceipt(vector.receipt, keys.privateKey, certificate(vector.receiver.certificateFile));
  return {
    name: vector.name,
    inputs: vector,
    derived: {
      receiverEd25519PublicKey: Buffer.from(keys.publicKey).toString('hex'),
      signedBytes: `fed-node/receipt/v1\u0000${canonicalJsonChecked(vector.receipt)}`,
    },
    wire: canonicalJsonChecked(signed),
  };
}

describe('committed receipt vectors', () => {
  let built: Record<string, unknown>[];
  beforeAll(async () => {
    built = await Promise.all(inputs().map(build));
    if (process.env.UPDATE_VECTORS === '1') {
      const file = {
        format: 'fed-node receipt, version 1 (docs/PROTOCOL.md §12.3, docs/schemas/receipt.json)',
        notes:
          'signedBytes is the UTF-8 text the receiver signs (label, NUL, RFC 8785 receipt); wire is the answer body.',
        vectors: built,
      };
      writeFileSync(VECTOR_FILE, `${JSON.stringify(file, null, 2)}\n`);
    }
  });

  it('matches the committed file byte for byte', () => {
    if (!existsSync(VECTOR_FILE))
      throw new Error('missing test/vectors/receipts-v1.json; generate it with UPDATE_VECTORS=1');
    const committed = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as { vectors: Record<string, unknown>[] };
    expect(committed.vectors).toHaveLength(built.length);
    committed.vectors.forEach((vector, i) => {
      expect(built[i].wire).toBe(vector.wire);
      expect(built[i]).toEqual(vector);
    });
  });

  it('each wire text is a valid receipt whose signature verifies under the receiver key', async () => {
    const sodium = await sodiumReady();
    const committed = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as {
      vectors: { wire: string; inputs: ReceiptInputs }[];
    };
    for (const { wire, inputs: given } of committed.vectors) {
      const signed = signedReceiptSchema.parse(JSON.parse(wire));
      const { publicKey } = sodium.crypto_sign_seed_keypair(Buffer.from(given.receiver.ed25519Seed, 'hex'));
      await expect(receiptSignatureValid(signed, publicKey)).resolves.toBe(true);
      await expect(
        receiptSignatureValid({ ...signed, receipt: { ...signed.receipt, deliveredBy: 'asean-hub' } }, publicKey),
      ).resolves.toBe(false);
    }
  });
});
