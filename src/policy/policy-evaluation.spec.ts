import { applyTransform, MASKED } from './case-redaction.js';
import { evaluateInboundPolicy, evaluateSharePolicy } from './policy-evaluation.js';
import type { InboundPacketMeta, ShareEvaluation } from './policy-evaluation.js';
import { exampleCase, shippedInboundPolicy, shippedPolicy } from './policy.test-helpers.js';
import type { SharedCasePayload } from './shared-case-payload.js';
import { sharedCasePayloadSchema } from './shared-case-payload.js';
import type { SharingPolicy } from './sharing-policy.js';

function allowed(evaluation: ShareEvaluation): SharedCasePayload {
  if (evaluation.decision !== 'ALLOW') throw new Error(`expected ALLOW, got DENY: ${evaluation.reasons.join('; ')}`);
  // Whatever the engine produces must be a well-formed payload for the receiving side.
  return sharedCasePayloadSchema.parse(evaluation.payload);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('evaluateSharePolicy with the shipped policies', () => {
  it('kr-knpa → kh-cnp: scam case up to AMBER, no identity documents, dates of birth as year', () => {
    const evaluation = evaluateSharePolicy(exampleCase(), shippedPolicy('kr-knpa', 'kh-cnp', 3), 'INVESTIGATION');
    const payload = allowed(evaluation);

    expect(evaluation.policyVersion).toBe(3);
    expect(payload.policyVersion).toBe(3);
    expect(payload.offenceCategories).toEqual(['ONLINE_SCAM']);
    expect(payload.subjects?.map((s) => s.dateOfBirth)).toEqual(['1988', '1992']);
    expect(payload.subjects?.every((s) => s.documents === undefined)).toBe(true);
    expect(payload.subjects?.[0].names).toEqual(['KIM Min-jun']);
    expect(payload.identifiers?.map((i) => i.id)).toEqual(['i-1', 'i-2', 'i-3', 'i-4']);
    expect(payload.attachments).toHaveLength(1);
    expect(payload.summary).toMatch(/^Victims in Seoul/);
    expect(payload.terms).toEqual({
      purpose: 'INVESTIGATION',
      retentionDays: 365,
      onwardSharing: { allowed: false, to: [] },
    });
    expect(evaluation.removed).toEqual([
      { path: 'offenceCategories[1]', rule: 'offence category MONEY_LAUNDERING not allowed for this partner' },
      { path: 'offenceCategories[2]', rule: 'offence category HUMAN_TRAFFICKING not allowed for this partner' },
      { path: 'subjects[0].dateOfBirth', rule: 'transform GENERALISE_YEAR on subjects[].dateOfBirth' },
      { path: 'subjects[0].documents', rule: 'data category IDENTITY_DOCUMENTS not allowed' },
      { path: 'subjects[1].dateOfBirth', rule: 'transform GENERALISE_YEAR on subjects[].dateOfBirth' },
    ]);
    const json = JSON.stringify(payload);
    expect(json).not.toContain('M12345678');
    expect(json).not.toContain('1988-04-17');
    expect(evaluation.reasons).toEqual(
      expect.arrayContaining([
        "case is TLP:AMBER, within this partner's ceiling TLP:AMBER",
        'offence categories shared: ONLINE_SCAM; withheld: MONEY_LAUNDERING, HUMAN_TRAFFICKING',
        'the partner may not share it onward',
        'the partner must delete it after 365 days',
      ]),
    );
  });

  it('kr-knpa → kh-cnp: a TLP:RED case is denied with a reason an officer can read', () => {
    const evaluation = evaluateSharePolicy(
      exampleCase({ tlp: 'RED' }),
      shippedPolicy('kr-knpa', 'kh-cnp'),
      'INVESTIGATION',
    );
    expect(evaluation).toEqual({
      decision: 'DENY',
      policyVersion: 1,
      reasons: ["case is TLP:RED, above this partner's ceiling TLP:AMBER"],
      payload: null,
      removed: [],
    });
  });

  it('kr-knpa → asean-hub: wallets, accounts and transactions only, relay to ASEAN members', () => {
    const content = exampleCase({ tlp: 'GREEN' });
    const evaluation = evaluateSharePolicy(content, shippedPolicy('kr-knpa', 'asean-hub'), 'INTELLIGENCE_PICTURE');
    const payload = allowed(evaluation);

    expect(Object.keys(payload).sort()).toEqual(
      [
        'handlingCodes',
        'identifiers',
        'informationAccuracy',
        'offenceCategories',
        'policyVersion',
        'reference',
        'requests',
        'sourceReliability',
        'terms',
        'title',
        'tlp',
        'transactions',
      ].sort(),
    );
    expect(payload.identifiers?.map((i) => i.type)).toEqual(['WALLET_TRON', 'EXCHANGE_ACCOUNT']);
    expect(payload.transactions).toHaveLength(1);
    expect(payload.requests?.map((r) => r.id)).toEqual(['r-1']);
    expect(payload.terms.onwardSharing).toEqual({ allowed: true, to: ['kh-cnp', 'kh-gdce'] });
    expect(payload.terms.retentionDays).toBe(180);
    expect(evaluation.removed).toEqual([
      { path: 'offenceCategories[2]', rule: 'offence category HUMAN_TRAFFICKING not allowed for this partner' },
      { path: 'summary', rule: 'data category SUMMARY not allowed' },
      { path: 'subjects', rule: 'data category PERSONS not allowed' },
      { path: 'identifiers[1]', rule: 'data category PHONE_AND_HANDLE_IDENTIFIERS not allowed' },
      { path: 'identifiers[3]', rule: 'data category PHONE_AND_HANDLE_IDENTIFIERS not allowed' },
      { path: 'attachments', rule: 'data category ATTACHMENTS not allowed' },
      { path: 'requests[1]', rule: 'its target identifier "i-4" is withheld' },
    ]);
    const json = JSON.stringify(payload);
    for (const secret of ['KIM Min-jun', '@sihanouk_love_desk', '+85512345678', 'victim-statement']) {
      expect(json).not.toContain(secret);
    }
  });

  it('kr-knpa → asean-hub: the AMBER case is denied, above the GREEN ceiling', () => {
    const evaluation = evaluateSharePolicy(
      exampleCase(),
      shippedPolicy('kr-knpa', 'asean-hub'),
      'INTELLIGENCE_PICTURE',
    );
    expect(evaluation.decision).toBe('DENY');
    expect(evaluation.reasons).toEqual(["case is TLP:AMBER, above this partner's ceiling TLP:GREEN"]);
  });

  it('a NO_ONWARD_SHARING handling code overrides a policy that would let the partner relay', () => {
    const content = exampleCase({ tlp: 'CLEAR', handlingCodes: ['NO_ONWARD_SHARING_WITHOUT_PERMISSION'] });
    const evaluation = evaluateSharePolicy(content, shippedPolicy('kr-knpa', 'asean-hub'), 'INVESTIGATION');
    expect(allowed(evaluation).terms.onwardSharing).toEqual({ allowed: false, to: [] });
    expect(evaluation.reasons).toContain(
      'case is marked NO_ONWARD_SHARING_WITHOUT_PERMISSION: the partner may not relay it, although its policy would allow relaying',
    );
  });

  it('kr-knpa → kr-kcs: the domestic partner gets everything up to AMBER+STRICT, but not RED', () => {
    const strict = evaluateSharePolicy(
      exampleCase({ tlp: 'AMBER_STRICT' }),
      shippedPolicy('kr-knpa', 'kr-kcs'),
      'PROSECUTION',
    );
    const payload = allowed(strict);
    expect(strict.removed).toEqual([]);
    expect(payload.subjects?.[0].documents).toEqual([{ type: 'PASSPORT', number: 'M12345678', issuingCountry: 'KR' }]);
    expect(payload.terms.retentionDays).toBe(1825);

    const red = evaluateSharePolicy(exampleCase({ tlp: 'RED' }), shippedPolicy('kr-knpa', 'kr-kcs'), 'PROSECUTION');
    expect(red.reasons).toEqual(["case is TLP:RED, above this partner's ceiling TLP:AMBER+STRICT"]);
  });

  it('kr-knpa → kh-gdce: document numbers leave as their last 3 characters', () => {
    const content = exampleCase({ offenceCategories: ['DRUG_TRAFFICKING'] });
    const payload = allowed(evaluateSharePolicy(content, shippedPolicy('kr-knpa', 'kh-gdce'), 'INVESTIGATION'));
    expect(payload.subjects?.[0].documents).toEqual([{ type: 'PASSPORT', number: '***678', issuingCountry: 'KR' }]);
    expect(payload.identifiers?.map((i) => i.id)).toEqual(['i-1', 'i-3']);
  });

  it('names every reason for a denial at once: offence category and purpose', () => {
    const content = exampleCase({ offenceCategories: ['CYBERCRIME'] });
    const evaluation = evaluateSharePolicy(content, shippedPolicy('kr-knpa', 'kh-cnp'), 'PROSECUTION');
    expect(evaluation.decision).toBe('DENY');
    expect(evaluation.reasons).toEqual([
      "none of the case's offence categories (CYBERCRIME) may be shared with this partner (allowed: ONLINE_SCAM, DRUG_TRAFFICKING)",
      'purpose PROSECUTION is not allowed for this partner (allowed: INVESTIGATION, ASSET_FREEZE, INTELLIGENCE_PICTURE)',
    ]);
  });

  it('an INTELLIGENCE_ONLY case is never shared for prosecution, even where the policy allows the purpose', () => {
    const content = exampleCase({ handlingCodes: ['INTELLIGENCE_ONLY'] });
    const evaluation = evaluateSharePolicy(content, shippedPolicy('kr-knpa', 'kr-kcs'), 'PROSECUTION');
    expect(evaluation.reasons).toEqual([
      'case is marked INTELLIGENCE_ONLY, which rules out sharing it for PROSECUTION',
    ]);
    expect(evaluateSharePolicy(content, shippedPolicy('kr-knpa', 'kr-kcs'), 'INVESTIGATION').decision).toBe('ALLOW');
  });

  it('applies every transform and records it, with the case paths', () => {
    const policy: SharingPolicy = {
      ...shippedPolicy('kr-knpa', 'kr-kcs'),
      transforms: [
        { path: 'subjects[].names', transform: 'MASK' },
        { path: 'subjects[].aliases', transform: 'DROP' },
        { path: 'subjects[].documents[].number', transform: 'LAST_3' },
        { path: 'identifiers[].value', transform: 'LAST_3' },
        { path: 'transactions[].time', transform: 'GENERALISE_YEAR' },
        { path: 'requests[].text', transform: 'DROP' },
      ],
    };
    const evaluation = evaluateSharePolicy(exampleCase(), policy, 'INVESTIGATION');
    const payload = allowed(evaluation);
    expect(payload.subjects?.[0]).toEqual({
      id: 'p-1',
      names: [MASKED],
      dateOfBirth: '1988-04-17',
      nationality: 'KR',
      documents: [{ type: 'PASSPORT', number: '***678', issuingCountry: 'KR' }],
    });
    expect(payload.subjects?.[1].aliases).toBeUndefined();
    expect(payload.identifiers?.map((i) => i.value)).toEqual(['***1Ab', '***esk', '***443', '***678']);
    expect(payload.transactions?.[0].time).toBe('2025');
    expect(payload.requests).toEqual([
      { id: 'r-1', kind: 'FREEZE_REQUEST', targetIdentifierId: 'i-3' },
      { id: 'r-2', kind: 'REQUEST_FOR_INFORMATION', targetIdentifierId: 'i-4' },
    ]);
    expect(evaluation.removed.map((r) => r.path)).toEqual([
      'subjects[0].names',
      'subjects[0].aliases',
      'subjects[0].documents[0].number',
      'subjects[1].names',
      'identifiers[0].value',
      'identifiers[1].value',
      'identifiers[2].value',
      'identifiers[3].value',
      'transactions[0].time',
      'requests[0].text',
      'requests[1].text',
    ]);
    // p-2 has no aliases: nothing was removed there, so nothing is recorded.
    expect(evaluation.removed).toContainEqual({
      path: 'subjects[0].aliases',
      rule: 'transform DROP on subjects[].aliases',
    });
  });

  it('dropping the documents list makes transforms on its fields moot', () => {
    const policy: SharingPolicy = {
      ...shippedPolicy('kr-knpa', 'kr-kcs'),
      transforms: [
        { path: 'subjects[].documents[].number', transform: 'LAST_3' },
        { path: 'subjects[].documents', transform: 'DROP' },
      ],
    };
    const evaluation = evaluateSharePolicy(exampleCase(), policy, 'INVESTIGATION');
    expect(allowed(evaluation).subjects?.[0].documents).toBeUndefined();
    expect(evaluation.removed).toEqual([
      { path: 'subjects[0].documents', rule: 'transform DROP on subjects[].documents' },
    ]);
  });

  it('is deterministic and leaves its inputs alone', () => {
    const content = deepFreeze(exampleCase());
    const policy = deepFreeze(shippedPolicy('kr-knpa', 'kh-cnp'));
    const first = evaluateSharePolicy(content, policy, 'INVESTIGATION');
    expect(evaluateSharePolicy(content, policy, 'INVESTIGATION')).toEqual(first);
    expect(JSON.stringify(evaluateSharePolicy(content, policy, 'INVESTIGATION'))).toBe(JSON.stringify(first));
  });
});

describe('applyTransform', () => {
  it('keeps only what each transform allows', () => {
    expect(applyTransform('DROP', 'x')).toBeUndefined();
    expect(applyTransform('MASK', 'KIM Min-jun')).toBe(MASKED);
    expect(applyTransform('GENERALISE_YEAR', '1988-04-17')).toBe('1988');
    expect(applyTransform('GENERALISE_YEAR', '2025-02-14T03:12:45+09:00')).toBe('2025');
    expect(applyTransform('LAST_3', 'M12345678')).toBe('***678');
    expect(applyTransform('LAST_3', 'ab')).toBe(MASKED);
    expect(applyTransform('LAST_3', '😀😀😀😀')).toBe('***😀😀😀');
  });
});

describe('evaluateInboundPolicy', () => {
  const direct: InboundPacketMeta = {
    senderNodeId: 'kr-knpa',
    originNodeId: 'kr-knpa',
    receiverNodeId: 'kh-cnp',
    tlp: 'AMBER',
    offenceCategories: ['ONLINE_SCAM'],
    retentionDays: 365,
    onwardSharing: { allowed: false, to: [] },
  };

  it('accepts what kh-cnp takes from kr-knpa, for the retention the origin set', () => {
    expect(evaluateInboundPolicy(direct, shippedInboundPolicy('kh-cnp', 'kr-knpa'))).toEqual({
      decision: 'ACCEPT',
      policyVersion: 1,
      retentionDays: 365,
      reasons: ["kept for 365 days as the origin's terms say"],
    });
  });

  it('caps retention at our own limit', () => {
    const evaluation = evaluateInboundPolicy(
      { ...direct, retentionDays: 1000 },
      shippedInboundPolicy('kh-cnp', 'kr-knpa'),
    );
    expect(evaluation).toMatchObject({ decision: 'ACCEPT', retentionDays: 730 });
    expect(evaluation.reasons).toEqual([
      "kept for 730 days, our limit for kr-knpa, although the origin's terms allow 1000",
    ]);
  });

  it('rejects above the TLP ceiling and outside the accepted offence categories, naming both', () => {
    const evaluation = evaluateInboundPolicy(
      { ...direct, tlp: 'RED', offenceCategories: ['ILLEGAL_FX_CUSTOMS_FRAUD'] },
      shippedInboundPolicy('kh-cnp', 'kr-knpa'),
    );
    expect(evaluation.decision).toBe('REJECT');
    expect(evaluation.reasons).toEqual([
      'packet is TLP:RED, above what we accept from kr-knpa (TLP:AMBER)',
      'offence category ILLEGAL_FX_CUSTOMS_FRAUD is not accepted from kr-knpa ' +
        '(accepted: ONLINE_SCAM, DRUG_TRAFFICKING, MONEY_LAUNDERING, CYBERCRIME, HUMAN_TRAFFICKING)',
    ]);
  });

  it('rejects a packet when any one of its offence categories is refused, naming the refused ones', () => {
    const accepted = shippedInboundPolicy('kh-cnp', 'kr-knpa');
    const mixed = evaluateInboundPolicy(
      { ...direct, offenceCategories: ['ONLINE_SCAM', 'ILLEGAL_FX_CUSTOMS_FRAUD'] },
      accepted,
    );
    expect(mixed).toEqual({
      decision: 'REJECT',
      policyVersion: 1,
      reasons: [
        'offence category ILLEGAL_FX_CUSTOMS_FRAUD is not accepted from kr-knpa ' +
          '(accepted: ONLINE_SCAM, DRUG_TRAFFICKING, MONEY_LAUNDERING, CYBERCRIME, HUMAN_TRAFFICKING)',
      ],
    });
    const fromKcs = { ...direct, senderNodeId: 'kr-kcs', originNodeId: 'kr-kcs' };
    const two = evaluateInboundPolicy(
      { ...fromKcs, offenceCategories: ['ONLINE_SCAM', 'DRUG_TRAFFICKING', 'CYBERCRIME', 'ONLINE_SCAM'] },
      shippedInboundPolicy('kh-cnp', 'kr-kcs'),
    );
    expect(two.reasons).toEqual([
      'offence categories ONLINE_SCAM, CYBERCRIME are not accepted from kr-kcs (accepted: DRUG_TRAFFICKING, MONEY_LAUNDERING)',
    ]);
    expect(evaluateInboundPolicy({ ...direct, offenceCategories: [] }, accepted).reasons).toEqual([
      'the packet names no offence category',
    ]);
    expect(
      evaluateInboundPolicy({ ...direct, offenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING'] }, accepted).decision,
    ).toBe('ACCEPT');
  });

  const relayed: InboundPacketMeta = {
    ...direct,
    senderNodeId: 'asean-hub',
    tlp: 'GREEN',
    retentionDays: 180,
    onwardSharing: { allowed: true, to: ['kh-cnp', 'kh-gdce'] },
  };

  it('accepts a packet the hub relays when the origin allowed the relay to us', () => {
    expect(evaluateInboundPolicy(relayed, shippedInboundPolicy('kh-cnp', 'asean-hub'))).toMatchObject({
      decision: 'ACCEPT',
      retentionDays: 180,
    });
  });

  it('rejects a relay the origin did not allow to this node', () => {
    const evaluation = evaluateInboundPolicy(
      { ...relayed, onwardSharing: { allowed: true, to: ['kh-gdce'] } },
      shippedInboundPolicy('kh-cnp', 'asean-hub'),
    );
    expect(evaluation).toEqual({
      decision: 'REJECT',
      policyVersion: 1,
      reasons: ['kr-knpa did not allow asean-hub to relay this packet to kh-cnp'],
    });
  });

  it('rejects relayed packets from a partner we take no relays from', () => {
    const meta: InboundPacketMeta = {
      ...relayed,
      originNodeId: 'kh-cnp',
      receiverNodeId: 'kr-knpa',
      onwardSharing: { allowed: true, to: ['kr-knpa'] },
    };
    expect(evaluateInboundPolicy(meta, shippedInboundPolicy('kr-knpa', 'asean-hub')).reasons).toEqual([
      'packet originated at kh-cnp and was relayed by asean-hub; we do not accept packets relayed by asean-hub',
    ]);
  });

  it('rejects everything from a partner without an inbound policy, or under the wrong policy', () => {
    expect(evaluateInboundPolicy(direct, undefined)).toEqual({
      decision: 'REJECT',
      policyVersion: null,
      reasons: ['there is no inbound policy for kr-knpa: nothing is accepted from it'],
    });
    expect(evaluateInboundPolicy(direct, shippedInboundPolicy('kh-cnp', 'kr-kcs')).reasons).toEqual([
      'the inbound policy is for kr-kcs, but the packet came from kr-knpa',
    ]);
  });
});
