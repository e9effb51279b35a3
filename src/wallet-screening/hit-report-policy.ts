import { tlpRank, TLP_LEVELS, type OffenceCategory, type Tlp } from '../kernel/vocabulary/index.js';
import type { SharingPolicy } from '../policy/sharing-policy.js';

/** Hit reports are the exchange's own data about its customers' transfers: AMBER unless the policy caps lower. */
const HIT_REPORT_TLP: Tlp = 'AMBER';

export type HitReportDecision =
  { report: true; tlp: Tlp; retentionDays: number; policyVersion: number } | { report: false; reason: string };

/** Whether the exchange's outbound policy toward an entry's origin lets it report a hit on that entry. */
export function hitReportDecision(
  policy: SharingPolicy | undefined,
  origin: string,
  offenceCategory: OffenceCategory,
): HitReportDecision {
  if (!policy) return { report: false, reason: `no outbound policy for ${origin}` };
  if (!policy.hitReports.allowed) return { report: false, reason: `the policy for ${origin} sends no hit reports` };
  if (!policy.hitReports.offenceCategories.includes(offenceCategory))
    return { report: false, reason: `the policy for ${origin} reports no ${offenceCategory} hits` };
  const tlp = TLP_LEVELS[Math.min(tlpRank(HIT_REPORT_TLP), tlpRank(policy.tlpCeiling))];
  return { report: true, tlp, retentionDays: policy.retentionDays, policyVersion: policy.version };
}
