import { caseContentSchema, dataCategoryOf, genericPath, KEPT_FIELDS, TRANSFORMABLE_FIELDS } from './case-content.js';
import { caseModelFields } from './case-model-fields.js';
import { formatTlp, identifierCategory, IDENTIFIER_TYPES, TLP_LEVELS, tlpWithin } from '../kernel/vocabulary/index.js';
import type { CaseContentInput } from './case-content.js';

const MINIMAL: CaseContentInput = {
  reference: 'KCS-2025-0007',
  title: 'Undeclared USDT-for-cash exchange at Incheon',
  offenceCategories: ['ILLEGAL_FX_CUSTOMS_FRAUD'],
  tlp: 'GREEN',
  sourceReliability: 'A',
  informationAccuracy: 1,
};

function problems(input: unknown): string[] {
  const result = caseContentSchema.safeParse(input);
  if (result.success) throw new Error('expected the case to be refused');
  return result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `${[...issue.path, ...issue.keys].join('.')}: unknown key`
      : `${issue.path.join('.')}: ${issue.message}`,
  );
}

describe('caseContentSchema', () => {
  it('accepts a minimal case and fills the empty lists', () => {
    expect(caseContentSchema.parse(MINIMAL)).toEqual({
      ...MINIMAL,
      handlingCodes: [],
      subjects: [],
      identifiers: [],
      transactions: [],
      attachments: [],
      requests: [],
    });
  });

  it('refuses a bad TLP value, a malformed date and an oversized attachment, naming each field', () => {
    const found = problems({
      ...MINIMAL,
      tlp: 'AMBER+STRICT',
      subjects: [{ id: 'p-1', names: ['LEE Ji-ho'], dateOfBirth: '1990-02-30' }],
      attachments: [
        { id: 'a-1', name: 'cctv.mp4', mediaType: 'video/mp4', sha256: 'c'.repeat(64), bytes: 60 * 1024 * 1024 },
      ],
    });
    expect(found).toEqual([
      expect.stringMatching(/^tlp: /),
      'subjects.0.dateOfBirth: must be a real date written YYYY-MM-DD',
      'attachments.0.bytes: must be at most 50 MiB',
    ]);
  });

  it('names unknown keys, nested ones too', () => {
    expect(problems({ ...MINIMAL, subjects: [{ id: 'p-1', names: ['A'], passport: 'X1' }] })).toEqual([
      'subjects.0.passport: unknown key',
    ]);
  });

  it('refuses duplicate ids and requests whose target is missing or cannot be frozen', () => {
    const found = problems({
      ...MINIMAL,
      identifiers: [
        { id: 'i-1', type: 'PHONE', value: '+855 12 345 678' },
        { id: 'i-1', type: 'WALLET_BTC', value: 'bc1qexample' },
      ],
      requests: [
        { id: 'r-1', kind: 'FREEZE_REQUEST', targetIdentifierId: 'i-9', text: 'Freeze please' },
        { id: 'r-2', kind: 'FREEZE_REQUEST', text: 'Freeze please' },
        { id: 'r-3', kind: 'REQUEST_FOR_INFORMATION', text: 'Who is behind this?' },
      ],
    });
    expect(found).toEqual([
      'identifiers.1.id: duplicate id "i-1"',
      'requests.0.targetIdentifierId: no identifier "i-9" in this case',
      'requests.1.targetIdentifierId: a freeze request must name the identifier to freeze',
    ]);
    expect(
      problems({
        ...MINIMAL,
        identifiers: [{ id: 'i-1', type: 'PHONE', value: '+85512345678' }],
        requests: [{ id: 'r-1', kind: 'FREEZE_REQUEST', targetIdentifierId: 'i-1', text: 'Freeze' }],
      }),
    ).toEqual(['requests.0.targetIdentifierId: a freeze request must target a wallet or exchange account, not PHONE']);
  });

  it('keeps amounts as decimal strings and refuses floats', () => {
    const tx = {
      id: 't-1',
      chain: 'tron',
      txHash: 'ab',
      from: 'T1',
      to: 'T2',
      asset: 'USDT',
      time: '2025-01-01T00:00:00Z',
    };
    expect(caseContentSchema.safeParse({ ...MINIMAL, transactions: [{ ...tx, amount: '0.000001' }] }).success).toBe(
      true,
    );
    expect(problems({ ...MINIMAL, transactions: [{ ...tx, amount: 12.5 }] })).toEqual([
      expect.stringMatching(/^transactions\.0\.amount: /),
    ]);
    expect(problems({ ...MINIMAL, transactions: [{ ...tx, amount: '-3' }] })).toEqual([
      'transactions.0.amount: must be a non-negative decimal string such as "1250.50"',
    ]);
  });
});

describe('TLP ordering', () => {
  it('orders CLEAR < GREEN < AMBER < AMBER+STRICT < RED', () => {
    expect(TLP_LEVELS).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
    expect(tlpWithin('AMBER', 'AMBER')).toBe(true);
    expect(tlpWithin('AMBER_STRICT', 'AMBER')).toBe(false);
    expect(tlpWithin('CLEAR', 'GREEN')).toBe(true);
    expect(formatTlp('AMBER_STRICT')).toBe('TLP:AMBER+STRICT');
  });
});

describe('dataCategoryOf', () => {
  it('maps concrete and generic paths to the category that governs them', () => {
    expect(dataCategoryOf('subjects[0].names[1]')).toBe('PERSONS');
    expect(dataCategoryOf('subjects[].dateOfBirth')).toBe('DATES_OF_BIRTH');
    expect(dataCategoryOf('subjects[2].documents[0].number')).toBe('IDENTITY_DOCUMENTS');
    expect(dataCategoryOf('transactions[3].from')).toBe('TRANSACTIONS');
    expect(dataCategoryOf('attachments')).toBe('ATTACHMENTS');
    expect(dataCategoryOf('summary')).toBe('SUMMARY');
    expect(dataCategoryOf('identifiers[0].value', 'WALLET_XMR')).toBe('WALLET_AND_ACCOUNT_IDENTIFIERS');
    expect(dataCategoryOf('identifiers[0]', 'TELEGRAM')).toBe('PHONE_AND_HANDLE_IDENTIFIERS');
  });

  it('treats case metadata and requests as outside any category', () => {
    for (const path of ['reference', 'title', 'tlp', 'offenceCategories[0]', 'handlingCodes', 'requests[0].text']) {
      expect(dataCategoryOf(path)).toBeNull();
    }
  });

  it('refuses paths outside the case and identifier paths without a type', () => {
    expect(() => dataCategoryOf('victims[0]')).toThrow('"victims[0]" is not a case field');
    expect(() => dataCategoryOf('identifiers[0].value')).toThrow('depends on the identifier type');
  });

  it('sorts every identifier type into one of the two identifier categories', () => {
    const categories = new Set(IDENTIFIER_TYPES.map(identifierCategory));
    expect([...categories].sort()).toEqual(['PHONE_AND_HANDLE_IDENTIFIERS', 'WALLET_AND_ACCOUNT_IDENTIFIERS']);
    expect(identifierCategory('BANK_ACCOUNT')).toBe('WALLET_AND_ACCOUNT_IDENTIFIERS');
    expect(identifierCategory('IP_ADDRESS')).toBe('PHONE_AND_HANDLE_IDENTIFIERS');
  });

  it('blanks indices for generic paths', () => {
    expect(genericPath('subjects[10].documents[2].number')).toBe('subjects[].documents[].number');
  });
});

describe('every field of the case model is classified for sharing', () => {
  const fields = caseModelFields();
  const kept = new Set<string>(KEPT_FIELDS);
  const transformable = new Set(Object.keys(TRANSFORMABLE_FIELDS));

  it('says of each field that is not a list of parts whether it is kept or transformable, never both', () => {
    const unclassified = fields.filter((f) => !f.parts && kept.has(f.path) === transformable.has(f.path));
    expect(unclassified.map((f) => f.path)).toEqual([]);
  });

  it('classifies only fields the model has', () => {
    const paths = new Set(fields.map((f) => f.path));
    expect([...kept, ...transformable].filter((path) => !paths.has(path))).toEqual([]);
  });

  it('gives every field of the case itself a data category, or marks it as metadata that always travels', () => {
    const topLevel = fields.filter((f) => !f.path.includes('.'));
    const uncategorised = topLevel.filter((f) => {
      try {
        dataCategoryOf(f.path, 'WALLET_BTC');
        return false;
      } catch {
        return true;
      }
    });
    expect(uncategorised.map((f) => f.path)).toEqual([]);
  });

  it('reads the model: lists of parts, and fields a case may lack', () => {
    const byPath = new Map(fields.map((f) => [f.path, f]));
    expect(byPath.get('subjects')).toEqual({ path: 'subjects', optional: false, parts: true });
    expect(byPath.get('subjects[].documents[].number')).toEqual({
      path: 'subjects[].documents[].number',
      optional: false,
      parts: false,
    });
    expect(byPath.get('subjects[].dateOfBirth')?.optional).toBe(true);
    expect(byPath.get('handlingCodes')).toEqual({ path: 'handlingCodes', optional: false, parts: false });
  });
});
