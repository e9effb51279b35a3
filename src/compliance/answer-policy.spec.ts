import { defaultPolicyFile, loadPolicyFile } from '../policy/policy-file.js';
import type { SharingPolicy } from '../policy/sharing-policy.js';
import { evaluateAnswerPolicy } from './answer-policy.js';

const meridian = loadPolicyFile(defaultPolicyFile('global-exchange-meridian'), { nodeId: 'global-exchange-meridian' });
const toKcs: SharingPolicy = { ...meridian.outbound['kr-kcs'], partnerId: 'kr-kcs', version: 1 };
const frozen = {
  targetId: 'T1',
  status: 'FROZEN' as const,
  amount: '10',
  asset: 'USDT',
  account: 'meridian:1',
  at: '2026-01-01T00:00:00.000Z',
  frozenUntil: '2026-04-01T00:00:00.000Z',
};

describe('evaluateAnswerPolicy', () => {
  it('carries only the categories the policy grants, and account ids where wallets may go', () => {
    const request = {
      tlp: 'AMBER' as const,
      offenceCategories: ['MONEY_LAUNDERING' as const, 'ILLEGAL_FX_CUSTOMS_FRAUD' as const],
    };
    expect(evaluateAnswerPolicy(request, [frozen], toKcs, 'kr-kcs')).toMatchObject({
      decision: 'ALLOW',
      answers: [frozen],
      offenceCategories: ['MONEY_LAUNDERING', 'ILLEGAL_FX_CUSTOMS_FRAUD'],
    });
    const noAccounts = { ...toKcs, dataCategories: [] };
    const { account: _account, ...withoutAccount } = frozen;
    expect(evaluateAnswerPolicy(request, [frozen], noAccounts, 'kr-kcs')).toMatchObject({
      decision: 'ALLOW',
      answers: [withoutAccount],
      reasons: ['account ids withheld: WALLET_AND_ACCOUNT_IDENTIFIERS may not go to this agency'],
    });
  });

  it('denies without a policy, above the ceiling, or without a granted category', () => {
    expect(
      evaluateAnswerPolicy({ tlp: 'AMBER', offenceCategories: ['ONLINE_SCAM'] }, [frozen], undefined, 'x').decision,
    ).toBe('DENY');
    expect(
      evaluateAnswerPolicy({ tlp: 'RED', offenceCategories: ['MONEY_LAUNDERING'] }, [frozen], toKcs, 'kr-kcs').decision,
    ).toBe('DENY');
    expect(
      evaluateAnswerPolicy({ tlp: 'AMBER', offenceCategories: ['ONLINE_SCAM'] }, [frozen], toKcs, 'kr-kcs').decision,
    ).toBe('DENY');
  });
});
