import { distinctKeys, identifierKey, validateBatch } from './screening-batch.js';

describe('screening batch', () => {
  it('validates each item on its own, keeping input order and the reason of invalid ones', () => {
    const items = validateBatch([
      { type: 'WALLET_BTC', value: 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ' },
      { type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx' },
      { type: 'PHONE', value: '+44 20 7946 0958' },
    ]);
    expect(items.map((i) => i.valid)).toEqual([true, false, true]);
    expect(items[0].normalized).toBe('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
    expect(items[1]).toMatchObject({ normalized: null, reason: expect.stringMatching(/^bad checksum/) });
    expect(items[2].value).toBe('+44 20 7946 0958');
  });

  it('looks each distinct normalised key up once and skips invalid items', () => {
    const items = validateBatch([
      { type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
      { type: 'WALLET_BTC', value: ' BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ ' },
      { type: 'TELEGRAM', value: '' },
    ]);
    expect(distinctKeys(items)).toEqual({
      types: ['WALLET_BTC'],
      values: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    });
  });

  it('keys a (type, value) pair unambiguously', () => {
    expect(identifierKey('EMAIL', 'a')).not.toBe(identifierKey('EMAI', 'La'));
  });
});
