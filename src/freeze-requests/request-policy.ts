import {
  formatTlp,
  tlpWithin,
  type FreezeAction,
  type OffenceCategory,
  type Tlp,
  type UrgencyClass,
} from '../kernel/vocabulary/index.js';
import { parseIsoDuration } from '../common/time/iso-duration.js';
import type { SharingPolicy } from '../policy/sharing-policy.js';
import type { RequestTarget } from './freeze-request-input.js';

// Whether one exchange may receive a request, under our outbound policy for it, and in what form: the
// same rules as a case share (TLP ceiling, offence categories, purposes, data categories), applied to
// what a request carries. Pure, so the unit tests walk every rule.

export interface RequestMeta {
  action: FreezeAction;
  tlp: Tlp;
  offenceCategories: OffenceCategory[];
  targets: RequestTarget[];
  urgency: UrgencyClass;
}

export type RequestEvaluation =
  | { decision: 'DENY'; policyVersion: number | null; reasons: string[] }
  | {
      decision: 'ALLOW';
      policyVersion: number;
      reasons: string[];
      offenceCategories: OffenceCategory[];
      targets: RequestTarget[];
      retentionDays: number;
      deadlineMs: number;
    };

const PURPOSE_OF: Record<FreezeAction, 'ASSET_FREEZE' | 'INVESTIGATION'> = {
  FREEZE: 'ASSET_FREEZE',
  RELEASE: 'ASSET_FREEZE',
  PRESERVE_RECORDS: 'INVESTIGATION',
  DISCLOSE_HOLDER: 'INVESTIGATION',
};

export function evaluateRequestPolicy(
  meta: RequestMeta,
  policy: SharingPolicy | undefined,
  exchangeId: string,
): RequestEvaluation {
  if (!policy)
    return {
      decision: 'DENY',
      policyVersion: null,
      reasons: [`there is no outbound policy for ${exchangeId}: nothing may be sent to it`],
    };
  const reasons: string[] = [];
  if (!tlpWithin(meta.tlp, policy.tlpCeiling))
    reasons.push(`the case is ${formatTlp(meta.tlp)}, above ${exchangeId}'s ceiling ${formatTlp(policy.tlpCeiling)}`);
  const categories = meta.offenceCategories.filter((c) => policy.offenceCategories.includes(c));
  if (categories.length === 0)
    reasons.push(
      `none of the case's offence categories (${meta.offenceCategories.join(', ')}) may go to ${exchangeId} (allowed: ${policy.offenceCategories.join(', ')})`,
    );
  const purpose = PURPOSE_OF[meta.action];
  if (!policy.purposes.includes(purpose))
    reasons.push(`a ${meta.action} request is for purpose ${purpose}, which is not allowed for ${exchangeId}`);
  if (!policy.dataCategories.includes('WALLET_AND_ACCOUNT_IDENTIFIERS'))
    reasons.push(`wallets and accounts (WALLET_AND_ACCOUNT_IDENTIFIERS) may not go to ${exchangeId}`);
  if (reasons.length) return { decision: 'DENY', policyVersion: policy.version, reasons };

  const withTransactions = policy.dataCategories.includes('TRANSACTIONS');
  const targets = meta.targets.map(({ transactionHashes, ...rest }) =>
    withTransactions && transactionHashes ? { ...rest, transactionHashes } : rest,
  );
  const allowed = [
    `offence categories sent: ${categories.join(', ')}`,
    ...(categories.length < meta.offenceCategories.length
      ? [`withheld: ${meta.offenceCategories.filter((c) => !categories.includes(c)).join(', ')}`]
      : []),
    ...(!withTransactions && meta.targets.some((t) => t.transactionHashes)
      ? ['transaction hashes withheld (TRANSACTIONS not allowed)']
      : []),
    `${meta.urgency} answer due within ${policy.requestDeadlines[meta.urgency]}`,
  ];
  return {
    decision: 'ALLOW',
    policyVersion: policy.version,
    reasons: allowed,
    offenceCategories: categories,
    targets,
    retentionDays: policy.retentionDays,
    deadlineMs: parseIsoDuration(policy.requestDeadlines[meta.urgency]) ?? 0,
  };
}
