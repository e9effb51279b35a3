import { loadPolicyFile, defaultPolicyFile } from '../policy/policy-file.js';
import type { SharingPolicy } from '../policy/sharing-policy.js';
import { evaluateRequestPolicy, type RequestMeta } from './request-policy.js';

const knpa = loadPolicyFile(defaultPolicyFile('kr-knpa'), { nodeId: 'kr-knpa' });
const policyFor = (exchange: string): SharingPolicy => ({
  ...knpa.outbound[exchange],
  partnerId: exchange,
  version: 3,
});

const WALLET = {
  targetId: 'T1',
  identifierType: 'WALLET_EVM' as const,
  value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
};
const meta = (overrides: Partial<RequestMeta> = {}): RequestMeta => ({
  action: 'FREEZE',
  tlp: 'AMBER',
  offenceCategories: ['ONLINE_SCAM', 'HUMAN_TRAFFICKING'],
  targets: [{ ...WALLET, transactionHashes: ['a'.repeat(64)] }],
  urgency: 'URGENT',
  ...overrides,
});

describe('evaluateRequestPolicy', () => {
  it('sends only the granted categories, with the policy deadline for the urgency class', () => {
    const evaluation = evaluateRequestPolicy(meta(), policyFor('kr-exchange-hanbit'), 'kr-exchange-hanbit');
    expect(evaluation).toMatchObject({
      decision: 'ALLOW',
      policyVersion: 3,
      offenceCategories: ['ONLINE_SCAM'],
      deadlineMs: 8 * 3600_000,
      retentionDays: 1825,
    });
    expect(evaluation.reasons).toContain('withheld: HUMAN_TRAFFICKING');
  });

  it('withholds transaction hashes where TRANSACTIONS may not go, and uses that partner deadlines', () => {
    const evaluation = evaluateRequestPolicy(meta({ urgency: 'STANDARD' }), policyFor('global-exchange-meridian'), 'x');
    expect(evaluation).toMatchObject({ decision: 'ALLOW', targets: [WALLET], deadlineMs: 5 * 86_400_000 });
  });

  it.each([
    [
      'a category the exchange is not granted',
      meta({ offenceCategories: ['DRUG_TRAFFICKING'] }),
      /none of the case's offence categories/,
    ],
    ['a marking above the ceiling', meta({ tlp: 'RED' }), /above .*'s ceiling/],
  ])('denies %s', (_what, request, reason) => {
    const evaluation = evaluateRequestPolicy(
      request,
      policyFor('global-exchange-meridian'),
      'global-exchange-meridian',
    );
    expect(evaluation.decision).toBe('DENY');
    expect(evaluation.reasons.join('\n')).toMatch(reason);
  });

  it('denies without a policy, without the purpose, or without wallets', () => {
    expect(evaluateRequestPolicy(meta(), undefined, 'x')).toMatchObject({ decision: 'DENY', policyVersion: null });
    const noFreeze = { ...policyFor('kr-exchange-hanbit'), purposes: ['INVESTIGATION' as const] };
    expect(evaluateRequestPolicy(meta(), noFreeze, 'x').reasons).toEqual([
      'a FREEZE request is for purpose ASSET_FREEZE, which is not allowed for x',
    ]);
    expect(evaluateRequestPolicy(meta({ action: 'DISCLOSE_HOLDER' }), noFreeze, 'x').decision).toBe('ALLOW');
    const noWallets = { ...policyFor('kr-exchange-hanbit'), dataCategories: ['TRANSACTIONS' as const] };
    expect(evaluateRequestPolicy(meta(), noWallets, 'x').decision).toBe('DENY');
  });
});
