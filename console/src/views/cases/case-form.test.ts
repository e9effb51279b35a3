import { describe, expect, it } from 'vitest';
import type { Case } from '../../api/types';
import { emptyIdentifier, emptyRequest, emptyTransaction, formFieldOf, formOf, inputOf } from './case-form';

const existing: Case = {
  id: 'c1',
  reference: 'KNPA-1',
  title: 'T',
  summary: 'S',
  offenceCategories: ['ONLINE_SCAM'],
  tlp: 'AMBER',
  handlingCodes: [],
  sourceReliability: 'B',
  informationAccuracy: 2,
  revision: 3,
  createdBy: 'kim',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  subjects: [],
  identifiers: [{ id: 'w1', type: 'WALLET_BTC', value: 'bc1q' }],
  transactions: [
    {
      id: 'tx1',
      chain: 'bitcoin',
      txHash: 'f4',
      from: 'bc1q',
      to: '1Bv',
      asset: 'BTC',
      amount: '1.25',
      time: '2026-03-01T09:30:00Z',
    },
  ],
  requests: [{ id: 'r1', kind: 'FREEZE_REQUEST', targetIdentifierId: 'w1', text: 'Freeze' }],
  attachments: [],
};

describe('the case form', () => {
  it('gives back the same transactions and requests it was given', () => {
    const input = inputOf(formOf(existing));
    expect(input.transactions).toEqual(existing.transactions);
    expect(input.requests).toEqual(existing.requests);
    expect(input.identifiers).toEqual(existing.identifiers);
  });

  it('lets a new request target a new identifier in the same edit, and leaves empty rows out', () => {
    const form = formOf(existing);
    const identifier = { ...emptyIdentifier(), type: 'WALLET_EVM' as const, value: ' 0xabc ' };
    form.identifiers.push(identifier, emptyIdentifier());
    form.requests.push({ ...emptyRequest(), targetIdentifierId: identifier.id, text: 'Freeze this too' });
    form.transactions.push(emptyTransaction());
    const input = inputOf(form) as {
      identifiers: { id: string; value: string }[];
      requests: { targetIdentifierId: string }[];
      transactions: unknown[];
    };
    expect(input.identifiers).toHaveLength(2);
    expect(input.identifiers[1]).toEqual({ id: identifier.id, type: 'WALLET_EVM', value: '0xabc' });
    expect(input.requests[1].targetIdentifierId).toBe(identifier.id);
    expect(input.transactions).toHaveLength(1);
    expect(identifier.id).toMatch(/^i-[0-9a-f]{8}$/);
  });

  it('gives back every document of a subject, although the form edits only the first', () => {
    const subject = {
      id: 'p1',
      names: ['KIM Min-jun'],
      aliases: [],
      dateOfBirth: null,
      nationality: 'KR',
      documents: [
        { type: 'PASSPORT' as const, number: 'M123', issuingCountry: 'KR' },
        { type: 'NATIONAL_ID' as const, number: '880417-1', issuingCountry: 'KR' },
      ],
    };
    const input = inputOf(formOf({ ...existing, subjects: [subject] })) as { subjects: unknown[] };
    expect(input.subjects).toEqual([{ ...subject, dateOfBirth: null }]);
  });

  it('gives back a field the form does not show, so editing in the console never loses what the API wrote', () => {
    // A field added to the case model reaches the console through CASE_FIELDS before any form shows it.
    const withNewFields = {
      ...existing,
      dueDate: '2027-01-31',
      transactions: [{ ...existing.transactions[0], memo: 'mixer hop 3' }],
    } as unknown as Case;
    const input = inputOf(formOf(withNewFields)) as Record<string, unknown> & { transactions: unknown[] };
    expect(input.dueDate).toBe('2027-01-31');
    expect(input.transactions).toEqual(withNewFields.transactions);
    // What the node computes is never sent back as input.
    for (const output of ['id', 'revision', 'createdBy', 'createdAt', 'updatedAt', 'attachments']) {
      expect(input).not.toHaveProperty(output);
    }
  });

  it('finds the form field the node names in an error', () => {
    expect(formFieldOf('input.transactions.0.amount')).toBe('transactions.0.amount');
  });
});
