import { describe, expect, it } from 'vitest';
import { alignToOriginal, formatBytes, isMasked, toCaseDoc } from './case-document';

const original = {
  reference: 'KNPA-1',
  title: 'T',
  summary: null,
  offenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING'],
  tlp: 'AMBER',
  handlingCodes: [],
  sourceReliability: 'B',
  informationAccuracy: 2,
  subjects: [{ id: 'p1', names: ['KIM'], aliases: null, dateOfBirth: '1988-04-17', nationality: 'KR', documents: [] }],
  identifiers: [
    { id: 'w1', type: 'WALLET_BTC', value: 'bc1q…' },
    { id: 't1', type: 'TELEGRAM', value: '@boss' },
    { id: 'w2', type: 'WALLET_EVM', value: '0x5a…' },
  ],
  transactions: [],
  requests: [
    { id: 'r1', kind: 'FREEZE_REQUEST', targetIdentifierId: 'w2', text: 'Freeze it' },
    { id: 'r2', kind: 'REQUEST_FOR_INFORMATION', targetIdentifierId: 'x9', text: '?' },
  ],
  attachments: [],
};

describe('toCaseDoc', () => {
  it('reads an API case with nulls as absent, and resolves each request to the identifier it targets', () => {
    const doc = toCaseDoc(original);
    expect(doc.summary).toBeUndefined();
    expect(doc.subjects?.[0].aliases).toBeUndefined();
    expect(doc.requests?.[0].target).toEqual({ id: 'w2', index: 2, type: 'WALLET_EVM', value: '0x5a…' });
    expect(doc.requests?.[1]).toMatchObject({ targetIdentifierId: 'x9', target: undefined, targetMissing: true });
  });

  it('tells a list the policy withheld (absent) from an empty one', () => {
    const doc = toCaseDoc({ reference: 'R', offenceCategories: ['ONLINE_SCAM'], identifiers: [] });
    expect(doc.subjects).toBeUndefined();
    expect(doc.identifiers).toEqual([]);
  });

  it('reads a reply as a reply', () => {
    expect(
      toCaseDoc({
        kind: 'reply',
        reference: 'KNPA-1',
        text: 'Frozen',
        tlp: 'AMBER',
        offenceCategories: [],
        retentionDays: 30,
      }),
    ).toMatchObject({ kind: 'reply', text: 'Frozen', retentionDays: 30 });
  });

  it('gives preview items the positions they had in the original, so removals mark the same rows', () => {
    const preview = toCaseDoc({
      ...original,
      identifiers: [original.identifiers[0], original.identifiers[2]],
      requests: [original.requests[0]],
    });
    const aligned = alignToOriginal(preview, toCaseDoc(original));
    expect(aligned.identifiers?.map((i) => i.index)).toEqual([0, 2]);
    expect(aligned.requests?.[0].target?.index).toBe(2);
  });
});

describe('small formats', () => {
  it('recognises masked values and prints sizes as people read them', () => {
    expect(isMasked('***678')).toBe(true);
    expect(isMasked('M12345678')).toBe(false);
    expect(formatBytes(38)).toBe('38 B');
    expect(formatBytes(482_113)).toBe('471 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});

describe('fields the document model does not lay out', () => {
  it('are listed with their paths, so an approver sees everything a preview would seal', () => {
    const doc = toCaseDoc({
      ...original,
      dueDate: '2027-01-31',
      subjects: [{ ...original.subjects[0], placeOfBirth: 'Busan', documents: [{ type: 'PASSPORT', expiry: '2030' }] }],
      requests: [{ ...original.requests[0], legalBasis: 'MLA treaty art. 5' }],
    });
    expect(doc.otherFields).toEqual([
      { path: 'subjects[0].documents[0].expiry', value: '2030' },
      { path: 'subjects[0].placeOfBirth', value: 'Busan' },
      { path: 'dueDate', value: '2027-01-31' },
    ]);
    expect(toCaseDoc(original).otherFields).toEqual([]);
  });

  it('take the positions their items have in the original when a preview is compared with it', () => {
    const preview = toCaseDoc({ ...original, identifiers: [{ id: 'w2', type: 'WALLET_EVM', memo: 'hop 3' }] });
    expect(alignToOriginal(preview, toCaseDoc(original)).otherFields).toEqual([
      { path: 'identifiers[2].memo', value: 'hop 3' },
    ]);
  });
});
