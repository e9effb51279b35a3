import { describe, expect, it } from 'vitest';
import { caseContentOf, flattenFields, isTransform, isWithin, removalOf } from './field-tree';

describe('flattenFields', () => {
  it('gives every leaf the policy engine path of the field', () => {
    const rows = flattenFields({ title: 'T', subjects: [{ names: ['KIM'], documents: [{ number: 'M1' }] }], identifiers: [] });
    expect(rows.map((r) => [r.path, r.text])).toEqual([
      ['title', 'T'],
      ['subjects', undefined],
      ['subjects[0]', undefined],
      ['subjects[0].names', undefined],
      ['subjects[0].names[0]', 'KIM'],
      ['subjects[0].documents', undefined],
      ['subjects[0].documents[0]', undefined],
      ['subjects[0].documents[0].number', 'M1'],
    ]);
  });

  it('indents by nesting depth and leaves out nulls', () => {
    const rows = flattenFields({ summary: null, subjects: [{ dateOfBirth: '1988-04-17' }] });
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2]);
  });
});

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
    expect(removalOf('subjects[0].names[0]', removed)).toBeUndefined();
  });

  it('tells a transform (the field stays, changed) from a withholding', () => {
    expect(isTransform(removed[1])).toBe(true);
    expect(isTransform(removed[0])).toBe(false);
    expect(isTransform({ path: 'x', rule: 'transform DROP on subjects[].documents' })).toBe(false);
  });

  it('isWithin is exact on boundaries', () => {
    expect(isWithin('subjects[0]', 'subjects')).toBe(true);
    expect(isWithin('subjectsX', 'subjects')).toBe(false);
  });
});

describe('caseContentOf', () => {
  it('drops bookkeeping fields only', () => {
    expect(caseContentOf({ id: '1', revision: 3, title: 'T', updatedAt: 'x', createdBy: 'a' })).toEqual({ title: 'T' });
  });
});
