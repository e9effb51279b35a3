/** A realistic case input for tests; override what a test is about. */
export function caseInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: `KNPA-2026-${Math.floor(Math.random() * 1e6)}`,
    title: 'Romance-scam call centre laundering through USDT on TRON',
    summary: 'Compound in Sihanoukville; victims in Korea paid into wallets controlled by the syndicate.',
    offenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING'],
    tlp: 'AMBER',
    handlingCodes: ['INTELLIGENCE_ONLY'],
    sourceReliability: 'B',
    informationAccuracy: 2,
    subjects: [
      {
        id: 'p1',
        names: ['KIM Min-jun'],
        aliases: ['Boss Kim'],
        dateOfBirth: '1988-04-17',
        nationality: 'KR',
        documents: [{ type: 'PASSPORT', number: 'M12345678', issuingCountry: 'KR' }],
      },
    ],
    identifiers: [
      { id: 'w1', type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
      { id: 'w2', type: 'WALLET_EVM', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' },
      { id: 't1', type: 'TELEGRAM', value: '@scam_boss_kh' },
    ],
    transactions: [
      {
        id: 'tx1',
        chain: 'bitcoin',
        txHash: 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16',
        from: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
        to: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
        asset: 'BTC',
        amount: '1.25',
        time: '2026-03-01T09:30:00Z',
      },
    ],
    requests: [
      {
        id: 'r1',
        kind: 'FREEZE_REQUEST',
        targetIdentifierId: 'w1',
        text: 'Please freeze this wallet at your exchanges.',
      },
    ],
    ...overrides,
  };
}

export const CREATE_CASE = `mutation ($input: CaseInput!) { createCase(input: $input) { id reference revision identifiers { id type value } } }`;
export const UPDATE_CASE = `mutation ($id: ID!, $input: CaseInput!, $rev: Int) { updateCase(id: $id, input: $input, expectedRevision: $rev) { id revision } }`;
