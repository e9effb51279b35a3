import type { TargetAnswer } from '../freeze-wire/freeze-wire.js';
import { formatTlp, tlpWithin, type OffenceCategory, type Tlp } from '../kernel/vocabulary/index.js';
import type { SharingPolicy } from '../policy/sharing-policy.js';

// Whether an answer may go back to the agency under our outbound policy for it, and in what form:
// an answer carries the request's marking and categories, and an account id only where the policy
// lets wallets and accounts go to that agency. Pure, for the unit tests.

export type AnswerEvaluation =
  | { decision: 'DENY'; policyVersion: number | null; reasons: string[] }
  | {
      decision: 'ALLOW';
      policyVersion: number;
      reasons: string[];
      answers: TargetAnswer[];
      offenceCategories: OffenceCategory[];
      retentionDays: number;
    };

export function evaluateAnswerPolicy(
  request: { tlp: Tlp; offenceCategories: OffenceCategory[] },
  answers: TargetAnswer[],
  policy: SharingPolicy | undefined,
  agencyId: string,
): AnswerEvaluation {
  if (!policy)
    return {
      decision: 'DENY',
      policyVersion: null,
      reasons: [`there is no outbound policy for ${agencyId}: nothing may be sent to it`],
    };
  const reasons: string[] = [];
  if (!tlpWithin(request.tlp, policy.tlpCeiling))
    reasons.push(
      `the request is ${formatTlp(request.tlp)}, above ${agencyId}'s ceiling ${formatTlp(policy.tlpCeiling)}`,
    );
  const categories = request.offenceCategories.filter((c) => policy.offenceCategories.includes(c));
  if (categories.length === 0)
    reasons.push(
      `none of the request's offence categories (${request.offenceCategories.join(', ')}) may go to ${agencyId}`,
    );
  if (reasons.length) return { decision: 'DENY', policyVersion: policy.version, reasons };
  const accounts = policy.dataCategories.includes('WALLET_AND_ACCOUNT_IDENTIFIERS');
  const withheld = answers.some((a) => a.account) && !accounts;
  return {
    decision: 'ALLOW',
    policyVersion: policy.version,
    reasons: withheld ? ['account ids withheld: WALLET_AND_ACCOUNT_IDENTIFIERS may not go to this agency'] : [],
    answers: answers.map(({ account, ...rest }) => (accounts && account ? { ...rest, account } : rest)),
    offenceCategories: categories,
    retentionDays: policy.retentionDays,
  };
}
