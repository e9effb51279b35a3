import { SignaturePool } from './signature-pool.js';
import {
  ed25519PublicKey,
  ed25519Spki,
  entrySignatureInput,
  signEntryWith,
  verifyEntryFast,
} from './watchlist-signing.js';
import { entry, testSigners } from './watchlist.test-helpers.js';

const CERT = '-----BEGIN CERTIFICATE-----\nnot parsed by the signing code\n-----END CERTIFICATE-----\n';

describe('SignaturePool', () => {
  const pool = new SignaturePool(2);
  afterAll(() => pool.close());

  it('gives, in order, the answers of verifyEntryFast for a large batch with bad signatures and two keys', async () => {
    const { sodium, signers } = await testSigners(['kr-knpa', 'asean-hub']);
    const knpa = signers.get('kr-knpa')!;
    const hub = signers.get('asean-hub')!;
    const items = Array.from({ length: 300 }, (_, i) => {
      const signer = i % 3 === 0 ? hub : knpa;
      const signed = signEntryWith(sodium, entry({ version: i + 1, origin: signer.nodeId }), signer.secretKey, CERT);
      if (i % 7 === 0) signed.entry = { ...signed.entry, reason: `changed ${i}` };
      // Every 11th item is checked against the other origin's key.
      const publicKey = (i % 11 === 0) !== (signer === hub) ? hub.publicKey : knpa.publicKey;
      return { signed, publicKey };
    });
    const jobs = items.map(({ signed, publicKey }) => ({
      ...entrySignatureInput(signed)!,
      spki: ed25519Spki(publicKey),
    }));
    const expected = items.map(({ signed, publicKey }) => verifyEntryFast(signed, ed25519PublicKey(publicKey)));
    expect(await pool.verify(jobs)).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(200);
    expect(expected.some((ok) => !ok)).toBe(true);
  });

  it('answers an empty batch without starting work', async () => {
    await expect(pool.verify([])).resolves.toEqual([]);
  });
});
