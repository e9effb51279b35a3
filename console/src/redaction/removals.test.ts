import { describe, expect, it } from 'vitest';
import { isRemovalHead, isTransform, isWithin, removalOf } from './removals';

describe('removalOf', () => {
  const removed = [
    { path: 'subjects[0].documents', rule: 'data category IDENTITY_DOCUMENTS not allowed' },
    { path: 'subjects[0].dateOfBirth', rule: 'transform GENERALISE_YEAR on subjects[].dateOfBirth' },
    { path: 'identifiers[1]', rule: 'data category PHONE_AND_HANDLE_IDENTIFIERS not allowed' },
  ];

  it('marks a removed part and everything inside it, but not a sibling that merely shares a prefix', () => {
    expect(removalOf('subjects[0].documents[0].number', removed)?.rule).toContain('IDENTITY_DOCUMENTS');
    expect(removalOf('identifiers[1].value', removed)?.path).toBe('identifiers[1]');
    expect(removalOf('identifiers[10].value', removed)).toBeUndefined();
    expect(removalOf('subjects[0].names', removed)).toBeUndefined();
    expect(isRemovalHead('subjects[0].documents', removed[0])).toBe(true);
    expect(isRemovalHead('subjects[0].documents[0]', removed[0])).toBe(false);
  });

  it('tells a transform (the field stays, changed) from a withholding, by code when the node gives one', () => {
    expect(isTransform(removed[1])).toBe(true);
    expect(isTransform(removed[0])).toBe(false);
    expect(isTransform({ path: 'x', rule: 'transform DROP on subjects[].documents' })).toBe(false);
    expect(
      isTransform({
        path: 'x',
        rule: 'anything',
        ruleText: { code: 'TRANSFORM', params: { transform: 'MASK', field: 'summary' }, text: 'anything' },
      }),
    ).toBe(true);
    expect(
      isTransform({
        path: 'x',
        rule: 'transform DROP on summary',
        ruleText: { code: 'TRANSFORM', params: { transform: 'DROP', field: 'summary' }, text: '' },
      }),
    ).toBe(false);
  });

  it('isWithin is exact on boundaries', () => {
    expect(isWithin('subjects[0]', 'subjects')).toBe(true);
    expect(isWithin('subjectsX', 'subjects')).toBe(false);
  });
});
