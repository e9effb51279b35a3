import { describe, expect, it } from 'vitest';
import { checkPartnerPolicy } from '../../../src/policy/partner-policy-check';
import { inputProblem } from './input-problems';
import { translateCode, translateProblem } from './i18n';

// The publish form shows what checkPartnerPolicy finds (the node's own schemas). Every problem it can
// write must have a translation, or a Korean administrator reads English.
const GOOD_OUTBOUND = {
  offenceCategories: ['ONLINE_SCAM'],
  purposes: ['INVESTIGATION'],
  tlpCeiling: 'AMBER',
  dataCategories: ['WALLET_AND_ACCOUNT_IDENTIFIERS'],
  retentionDays: 365,
};
const BAD_CHANGES: Record<string, unknown>[] = [
  { outbound: { ...GOOD_OUTBOUND, offenceCategories: [], purposes: [] } },
  { outbound: { ...GOOD_OUTBOUND, offenceCategories: ['ONLINE_SCAM', 'ONLINE_SCAM'] } },
  { outbound: { ...GOOD_OUTBOUND, onwardSharing: { allowed: true, to: [] } } },
  { outbound: { ...GOOD_OUTBOUND, onwardSharing: { allowed: false, to: ['kh-gdce'] } } },
  { outbound: { ...GOOD_OUTBOUND, hitReports: { allowed: true, offenceCategories: [] } } },
  { outbound: { ...GOOD_OUTBOUND, hitReports: { allowed: false, offenceCategories: ['ONLINE_SCAM'] } } },
  { outbound: { ...GOOD_OUTBOUND, transforms: [{ path: 'subjects[].dateOfBirth', transform: 'LAST_3' }] } },
  { outbound: { ...GOOD_OUTBOUND, retentionDays: 0, tlpCeiling: 'BLUE' } },
  { inbound: { offenceCategories: [], tlpCeiling: 'GREEN', maxRetentionDays: 99999, acceptRelayed: false } },
];

describe('the problems of a partner policy, in the administrator’s language', () => {
  const problems = [
    ...checkPartnerPolicy('th-dsi', {}, [{ id: 'kh-cnp' }], 'kr-knpa'),
    ...BAD_CHANGES.flatMap((change) => checkPartnerPolicy('kh-cnp', change, [{ id: 'kh-cnp' }], 'kr-knpa')),
  ];

  it('finds the problems it is given (the list covers the node’s own rules)', () => {
    expect(problems.length).toBeGreaterThanOrEqual(BAD_CHANGES.length + 1);
  });

  it.each(problems.map((p) => [p.field, p.message]))('%s: "%s" has a translation', (_field, message) => {
    expect(inputProblem(message)).toBeDefined();
    expect(translateProblem('ko', message)).not.toBe(message);
  });

  it('fills in what the sentence names, with codes in the reader’s words', () => {
    const transform = translateProblem(
      'ko',
      'LAST_3 does not apply to subjects[].dateOfBirth (use DROP, GENERALISE_YEAR)',
    );
    expect(transform).toContain(translateCode('ko', 'GENERALISE_YEAR'));
    expect(transform).not.toContain('does not apply');
    expect(translateProblem('ko', '"th-dsi" is not a configured peer of kr-knpa')).toBe(
      '"th-dsi"은(는) kr-knpa에 설정된 상대 노드가 아닙니다',
    );
  });
});
