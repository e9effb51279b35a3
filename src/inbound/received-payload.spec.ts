import { checkReceivedPayload, isMaskedValue, jsonPath } from './received-payload.js';

function casePayload(identifiers: { id: string; type: string; value?: string }[]): Record<string, unknown> {
  return {
    reference: 'KNPA-2026-7',
    title: 'Scam compound wallets',
    offenceCategories: ['ONLINE_SCAM'],
    tlp: 'GREEN',
    handlingCodes: [],
    sourceReliability: 'B',
    informationAccuracy: 2,
    identifiers,
    policyVersion: 1,
    terms: { purpose: 'INVESTIGATION', retentionDays: 180, onwardSharing: { allowed: false, to: [] } },
  };
}

describe('checkReceivedPayload', () => {
  it('refuses a bad-checksum wallet and a phone that is no phone number, naming the JSON path', () => {
    const wallet = checkReceivedPayload(
      'case',
      casePayload([
        { id: 'w1', type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
        { id: 'w2', type: 'WALLET_BTC', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3' },
      ]),
    );
    expect(wallet).toEqual({
      valid: false,
      detail: expect.stringMatching(/^case payload: identifiers\[1\]\.value: not a valid WALLET_BTC: bad checksum/),
    });
    const phone = checkReceivedPayload('case', casePayload([{ id: 'p1', type: 'PHONE', value: 'call me maybe' }]));
    expect(phone).toEqual({
      valid: false,
      detail: expect.stringMatching(/^case payload: identifiers\[0\]\.value: not a valid PHONE: /),
    });
  });

  it('stores identifiers normalised, leaves the content as signed, and skips withheld and masked values', () => {
    const body = casePayload([
      { id: 'e1', type: 'WALLET_EVM', value: '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED' },
      { id: 't1', type: 'TELEGRAM', value: '@Scam_Boss_KH' },
      { id: 'p1', type: 'PHONE', value: '***678' },
      { id: 'p2', type: 'PHONE', value: '***' },
      { id: 'b1', type: 'BANK_ACCOUNT' },
    ]);
    const checked = checkReceivedPayload('case', body);
    expect(checked).toMatchObject({
      valid: true,
      identifiers: [
        { type: 'WALLET_EVM', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
        { type: 'TELEGRAM', value: '@scam_boss_kh' },
      ],
    });
    expect(checked.valid && checked.content).toEqual(body);
  });

  it('names the path of a shape problem the same way, and takes replies (which carry no identifiers)', () => {
    expect(checkReceivedPayload('case', casePayload([{ id: 'x', type: 'NOT_A_TYPE', value: 'v' }]))).toMatchObject({
      valid: false,
      detail: expect.stringMatching(/^case payload: identifiers\[0\]\.type: /),
    });
    const reply = {
      kind: 'reply',
      text: 'Frozen.',
      tlp: 'GREEN',
      offenceCategories: ['ONLINE_SCAM'],
      retentionDays: 30,
    };
    expect(checkReceivedPayload('reply', reply)).toEqual({ valid: true, content: reply, identifiers: [] });
    expect(checkReceivedPayload('reply', { ...reply, identifiers: [] })).toMatchObject({ valid: false });
  });

  it('recognises exactly what MASK and LAST_3 produce as masked', () => {
    expect(['***', '***678', '***😀😀😀'].map(isMaskedValue)).toEqual([true, true, true]);
    expect(['***12', '***1234', '**1', '+85512345678'].map(isMaskedValue)).toEqual([false, false, false, false]);
    expect(jsonPath(['subjects', 0, 'documents', 1, 'number'])).toBe('subjects[0].documents[1].number');
    expect(jsonPath([])).toBe('');
  });
});
