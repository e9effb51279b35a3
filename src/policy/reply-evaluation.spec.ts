import { policyTextOf } from './policy-text.js';
import { replyPayloadSchema } from './shared-reply-payload.js';
import { evaluateReplyPolicy, type ReplyDraft } from './reply-evaluation.js';
import { findSensitiveSpans } from './sensitive-text.js';
import { shippedPolicy } from './policy.test-helpers.js';
import type { SharingPolicy } from './sharing-policy.js';

// kr-knpa → kh-cnp: ONLINE_SCAM and DRUG_TRAFFICKING only, no identity documents, birth dates as the year.
const toCnp = shippedPolicy('kr-knpa', 'kh-cnp');

function draft(overrides: Partial<ReplyDraft> = {}): ReplyDraft {
  return {
    reference: 'CNP-2026-0042',
    text: 'Frozen as asked.',
    tlp: 'AMBER',
    offenceCategories: ['ONLINE_SCAM'],
    retentionDays: 365,
    ...overrides,
  };
}

describe('findSensitiveSpans', () => {
  const kinds = (text: string) => findSensitiveSpans(text).map((s) => [text.slice(s.start, s.end), s.what]);

  it('finds identifiers by the node validators, and leaves ordinary words alone', () => {
    expect(
      kinds(
        'Wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed and @scam_boss_kh; ' +
          'call +82 10-1234-5678 or mail boss@example.com. Nothing else: frozen on 2026-03-01 at 10:00, ref KNPA-2026-1.',
      ),
    ).toEqual([
      ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'WALLET_BTC'],
      ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'WALLET_EVM'],
      ['@scam_boss_kh', 'TELEGRAM'],
      ['+82 10-1234-5678', 'PHONE'],
      ['boss@example.com', 'EMAIL'],
    ]);
  });

  it('finds document numbers, dates of birth and account numbers where the text names them, and passport-shaped numbers', () => {
    expect(
      kinds(
        'Passport no. M12345678; holder born 1988-04-17, ID card: 880417123456, account 123-456-789; also N1234567.',
      ),
    ).toEqual([
      ['M12345678', 'identity document number'],
      ['1988-04-17', 'date of birth'],
      ['880417123456', 'identity document number'],
      ['123-456-789', 'BANK_ACCOUNT'],
      ['N1234567', 'identity document number'],
    ]);
    expect(kinds('The document shows the account was closed.')).toEqual([]);
  });
});

describe('evaluateReplyPolicy', () => {
  it('withholds a refused offence category and masks a passport number the partner may not receive', () => {
    const result = evaluateReplyPolicy(
      draft({
        offenceCategories: ['ONLINE_SCAM', 'HUMAN_TRAFFICKING'],
        text: 'Account frozen. The holder showed passport M12345678 at the branch.',
      }),
      toCnp,
      'ASSET_FREEZE',
    );
    expect(result.decision).toBe('ALLOW');
    expect(result.payload).toEqual({
      kind: 'reply',
      reference: 'CNP-2026-0042',
      text: 'Account frozen. The holder showed passport *** at the branch.',
      tlp: 'AMBER',
      offenceCategories: ['ONLINE_SCAM'],
      retentionDays: 365,
    });
    expect(result.removed).toEqual([
      { path: 'offenceCategories[1]', rule: 'offence category HUMAN_TRAFFICKING not allowed for this partner' },
      { path: 'text[43:52]', rule: 'data category IDENTITY_DOCUMENTS not allowed' },
    ]);
    expect(replyPayloadSchema.safeParse(result.payload).success).toBe(true);
  });

  it('applies the transforms of the case fields: a birth date to its year, an identifier value as configured', () => {
    const policy: SharingPolicy = {
      ...toCnp,
      transforms: [...toCnp.transforms, { path: 'identifiers[].value', transform: 'LAST_3' }],
    };
    const result = evaluateReplyPolicy(
      draft({ text: 'Born 1988-04-17; wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t.' }),
      policy,
      'INVESTIGATION',
    );
    expect(result.payload?.text).toBe('Born 1988; wallet ***j6t.');
    expect(result.removed.map((r) => r.rule)).toEqual([
      'transform GENERALISE_YEAR on subjects[].dateOfBirth',
      'transform LAST_3 on identifiers[].value',
    ]);
  });

  it('masks the whole text when the policy masks request texts, and keeps the shorter retention', () => {
    const policy: SharingPolicy = { ...toCnp, transforms: [{ path: 'requests[].text', transform: 'MASK' }] };
    const result = evaluateReplyPolicy(draft({ retentionDays: 3000 }), policy, 'INVESTIGATION');
    expect(result.payload).toMatchObject({ text: '***', retentionDays: 365 });
  });

  it('denies with reasons: no allowed offence category, a marking above the ceiling, a purpose not allowed', () => {
    const result = evaluateReplyPolicy(
      draft({ offenceCategories: ['HUMAN_TRAFFICKING'], tlp: 'RED' }),
      toCnp,
      'PROSECUTION',
    );
    expect(result).toMatchObject({ decision: 'DENY', payload: null, policyVersion: 1 });
    expect(result.reasons).toEqual([
      "case is TLP:RED, above this partner's ceiling TLP:AMBER",
      expect.stringContaining("none of the case's offence categories (HUMAN_TRAFFICKING)"),
      expect.stringContaining('purpose PROSECUTION is not allowed'),
    ]);
  });

  it('is a pure function: the same draft and policy give the same preview', () => {
    const input = draft({ text: 'Passport M12345678, phone +85512345678.' });
    expect(evaluateReplyPolicy(input, toCnp, 'INVESTIGATION')).toEqual(
      evaluateReplyPolicy(input, toCnp, 'INVESTIGATION'),
    );
  });

  it('writes only sentences the policy-text templates know, so clients can word them in any language', () => {
    const policy: SharingPolicy = {
      ...toCnp,
      transforms: [...toCnp.transforms, { path: 'identifiers[].value', transform: 'MASK' }],
    };
    const results = [
      evaluateReplyPolicy(
        draft({
          offenceCategories: ['ONLINE_SCAM', 'CYBERCRIME'],
          text: 'Passport M12345678, born 1988-04-17, wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t.',
        }),
        policy,
        'INVESTIGATION',
      ),
      evaluateReplyPolicy(draft({ offenceCategories: ['CYBERCRIME'], tlp: 'RED' }), policy, 'PROSECUTION'),
      evaluateReplyPolicy(
        draft(),
        { ...policy, transforms: [{ path: 'requests[].text', transform: 'DROP' }] },
        'INVESTIGATION',
      ),
    ];
    const sentences = results.flatMap((r) => [...r.reasons, ...r.removed.map((f) => f.rule)]);
    expect(sentences.length).toBeGreaterThan(10);
    expect(sentences.filter((text) => policyTextOf(text).code === 'OTHER')).toEqual([]);
  });
});
