import { Redaction } from './case-redaction.js';
import { shippedPolicy } from './policy.test-helpers.js';

// The walk shares only what the model classifies: a field it does not know never reaches a partner.
describe('Redaction.sharePart', () => {
  const policy = shippedPolicy('kr-knpa', 'kh-cnp', 3);

  it('refuses a field the model does not classify rather than sharing it as written', () => {
    const r = new Redaction(policy);
    const subject = { id: 'p-1', names: ['KIM Min-jun'], victimNotes: 'not in the model' };
    expect(() => r.sharePart(subject, 'subjects[].', 'subjects[0]')).toThrow(
      'the case field "subjects[].victimNotes" is neither kept nor transformable',
    );
  });

  it('walks a part by the model: kept fields copied, transforms applied, gated lists withheld with the path', () => {
    const r = new Redaction(policy);
    const subject = {
      id: 'p-1',
      names: ['KIM Min-jun'],
      aliases: [],
      dateOfBirth: '1988-04-17',
      documents: [{ type: 'PASSPORT', number: 'M12345678', issuingCountry: 'KR' }],
    };
    expect(r.sharePart(subject, 'subjects[].', 'subjects[0]')).toEqual({
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
