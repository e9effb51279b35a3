import { Redaction } from './case-redaction.js';
import { shippedPolicy } from './policy.test-helpers.js';

// The walk shares only what the model classifies: a field it does not know never reaches a partner.
describe('Redaction.sharePart', () => {
  const policy = shippedPolicy('kr-knpa', 'kh-cnp', 3);

  it('refuses a field outside the model rather than sharing it as written', () => {
    const r = new Redaction(policy);
    const subject = { id: 'p-1', names: ['KIM Min-jun'], victimNotes: 'not in the model' };
    expect(() => r.sharePart(subject, 'subjects[].', 'subjects[0]')).toThrow(
      '"subjects[].victimNotes" is not a field of the case model',
    );
  });

  it('walks a part in model order, whatever order its keys are stored in: kept fields copied, transforms applied, gated lists withheld', () => {
    const r = new Redaction(policy);
    const subject = {
      documents: [{ type: 'PASSPORT', number: 'M12345678', issuingCountry: 'KR' }],
      dateOfBirth: '1988-04-17',
      aliases: [],
      names: ['KIM Min-jun'],
      id: 'p-1',
    };
    const shared = r.sharePart(subject, 'subjects[].', 'subjects[0]');
    expect(Object.keys(shared)).toEqual(['id', 'names', 'aliases', 'dateOfBirth']);
    expect(shared).toEqual({
      id: 'p-1',
      names: ['KIM Min-jun'],
      aliases: [],
      dateOfBirth: '1988',
    });
    expect(r.removed).toEqual([
      { path: 'subjects[0].dateOfBirth', rule: 'transform GENERALISE_YEAR on subjects[].dateOfBirth' },
      { path: 'subjects[0].documents', rule: 'data category IDENTITY_DOCUMENTS not allowed' },
    ]);
  });
});
