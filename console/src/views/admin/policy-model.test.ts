import { describe, expect, it } from 'vitest';
import type { PartnerPolicy } from '../../api/admin-operations';
import {
  DEFAULT_INBOUND,
  DEFAULT_OUTBOUND,
  diffPolicies,
  policyFormOf,
  policyInputOf,
  rowOfProblem,
} from './policy-model';

const v1: Pick<PartnerPolicy, 'outbound' | 'inbound'> = {
  outbound: {
    ...DEFAULT_OUTBOUND,
    offenceCategories: ['ONLINE_SCAM', 'DRUG_TRAFFICKING'],
    dataCategories: ['PERSONS'],
  },
  inbound: { ...DEFAULT_INBOUND, offenceCategories: ['ONLINE_SCAM'] },
};

describe('policy differences', () => {
  it('marks exactly the rows that changed, with what was added and removed, whatever the order', () => {
    const v2 = {
      outbound: {
        ...v1.outbound!,
        offenceCategories: ['DRUG_TRAFFICKING' as const, 'CYBERCRIME' as const],
        transforms: [{ path: 'subjects[].dateOfBirth', transform: 'GENERALISE_YEAR' }],
        retentionDays: 90,
      },
      inbound: v1.inbound,
    };
    const changed = diffPolicies(v1, v2).filter((r) => r.changed);
    expect(changed.map((r) => r.key)).toEqual([
      'outbound.offenceCategories',
      'outbound.transforms',
      'outbound.retentionDays',
    ]);
    expect(changed[0]).toMatchObject({ added: ['CYBERCRIME'], removed: ['ONLINE_SCAM'] });
    expect(
      diffPolicies(v1, {
        ...v1,
        outbound: { ...v1.outbound!, offenceCategories: ['DRUG_TRAFFICKING', 'ONLINE_SCAM'] },
      }).some((r) => r.changed),
    ).toBe(false);
  });

  it('shows a part switched off as a change', () => {
    const rows = diffPolicies(v1, { outbound: null, inbound: v1.inbound });
    expect(rows.filter((r) => r.changed).map((r) => r.key)).toContain('outbound');
  });
});

describe('the publish form', () => {
  it('starts from the latest version and leaves a switched-off part out of the input', () => {
    const form = policyFormOf({
      ...v1,
      partnerId: 'kh-cnp',
      version: 2,
      policyVersion: 'x/kh-cnp/v2',
      createdBy: 'a',
      createdAt: '',
    });
    expect(policyInputOf(form)).toEqual({ outbound: v1.outbound, inbound: v1.inbound });
    form.outbound.retentionDays = 30;
    expect(v1.outbound!.retentionDays).toBe(365);
    expect(policyInputOf({ ...form, inboundOn: false })).toEqual({ outbound: form.outbound });
  });

  it('puts each problem the node reports on the row it belongs to', () => {
    expect(rowOfProblem('policy.outbound.transforms.0.path')).toBe('outbound.transforms');
    expect(rowOfProblem('policy.outbound.purposes')).toBe('outbound.purposes');
    expect(rowOfProblem('policy.outbound.onwardSharing.to')).toBe('outbound.onwardSharingTo');
    expect(rowOfProblem('policy.inbound.offenceCategories.1')).toBe('inbound.offenceCategories');
    expect(rowOfProblem('partnerId')).toBe('partnerId');
  });
});
