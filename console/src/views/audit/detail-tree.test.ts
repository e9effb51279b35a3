import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../i18n/i18n';
import { detailLabel, detailTree, humanise } from './detail-tree';

describe('an audit entry’s details as fields', () => {
  it('keeps scalars as values, arrays as lists and nested objects as groups of fields, in the node’s order', () => {
    const tree = detailTree({
      username: 'new.officer',
      roles: ['LIAISON_OFFICER', 'AUDITOR'],
      receipt: { status: 'ACCEPTED', attempts: 2, at: null },
      answers: [{ targetId: 'w1', status: 'FROZEN' }],
      skipped: undefined,
    });
    expect(tree).toEqual([
      { key: 'username', kind: 'value', value: 'new.officer' },
      {
        key: 'roles',
        kind: 'list',
        items: [
          { key: 'roles', kind: 'value', value: 'LIAISON_OFFICER' },
          { key: 'roles', kind: 'value', value: 'AUDITOR' },
        ],
      },
      {
        key: 'receipt',
        kind: 'fields',
        fields: [
          { key: 'status', kind: 'value', value: 'ACCEPTED' },
          { key: 'attempts', kind: 'value', value: 2 },
          { key: 'at', kind: 'value', value: null },
        ],
      },
      {
        key: 'answers',
        kind: 'list',
        items: [
          {
            key: 'answers',
            kind: 'fields',
            fields: [
              { key: 'targetId', kind: 'value', value: 'w1' },
              { key: 'status', kind: 'value', value: 'FROZEN' },
            ],
          },
        ],
      },
    ]);
    expect(detailTree(null)).toEqual([]);
  });

  it('labels known keys in the reader’s language and makes the others readable', () => {
    expect(detailLabel('previousRoles', i18nFor('en').maybe)).toBe('Roles before');
    expect(detailLabel('previousRoles', i18nFor('ko').maybe)).not.toBe('Roles before');
    expect(detailLabel('receiptStatus', i18nFor('ko').maybe)).not.toBe('Receipt status');
    expect(humanise('withheldOrTransformed')).toBe('Withheld or transformed');
    expect(humanise('retention_until')).toBe('Retention until');
  });
});
