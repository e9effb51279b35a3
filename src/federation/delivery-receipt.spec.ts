import { schemaShape, shapeOf } from '../kernel/wire/wire-shape.test-helpers.js';
import { signedReceiptSchema, type DeliveryReceipt, type SignedReceipt } from './delivery-receipt.js';

const CERT = '-----BEGIN CERTIFICATE-----\r\nAA==\r\n-----END CERTIFICATE-----\r\n';

describe('the receipt types are their published schema (docs/schemas/receipt.json)', () => {
  it('has the same members', () => {
    expect(schemaShape('receipt')).toEqual(
      shapeOf<SignedReceipt>()(['receipt', 'signature', 'receiverCertificate'], []),
    );
    expect(schemaShape('receipt#/$defs/receipt')).toEqual(
      shapeOf<DeliveryReceipt>()(
        ['version', 'packetId', 'receiver', 'deliveredBy', 'contentHash', 'status', 'receivedAt'],
        ['reason', 'detail'],
      ),
    );
  });

  it('ACCEPTED carries no reason or detail (omitted, not null); REJECTED carries its reason', () => {
    const receipt = {
      version: 1,
      packetId: '01974a2c-8000-7000-8000-000000000001',
      receiver: 'kh-cnp',
      deliveredBy: 'kr-knpa',
      contentHash: 'a'.repeat(64),
      status: 'ACCEPTED',
      receivedAt: '2026-06-01T10:00:00.000Z',
    };
    const signed = (r: object) => ({ receipt: r, signature: `${'A'.repeat(85)}A`, receiverCertificate: CERT });
    expect(signedReceiptSchema.problem(signed(receipt))).toBeUndefined();
    expect(signedReceiptSchema.problem(signed({ ...receipt, reason: null }))).toBeDefined();
    expect(signedReceiptSchema.problem(signed({ ...receipt, reason: 'BAD_SIGNATURE' }))).toBeDefined();
    expect(signedReceiptSchema.problem(signed({ ...receipt, status: 'REJECTED' }))).toBe('receipt.reason: is missing');
    expect(
      signedReceiptSchema.problem(signed({ ...receipt, status: 'REJECTED', reason: 'BAD_SIGNATURE' })),
    ).toBeUndefined();
    expect(signedReceiptSchema.problem(signed({ ...receipt, version: 2 }))).toBe('receipt.version: must be 1');
  });
});
