import { describe, expect, it } from 'vitest';
import { CATALOGUES, translate, translateCode } from './i18n';
import { en } from './messages.en';

describe('message catalogues', () => {
  it('fills placeholders and falls back to English for a key a catalogue lacks', () => {
    expect(translate('en', 'approvals.preview', { partner: 'kh-cnp' })).toBe('What kh-cnp receives');
    expect(translate('ko', 'approvals.preview', { partner: 'kh-cnp' })).toBe('kh-cnp이(가) 받는 내용');
    expect(translate('km', 'case.saved', { revision: 2 })).toBe('Saved (revision 2).');
  });

  it('keeps every placeholder of the English message in each translation', () => {
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        const wanted = (en[key as keyof typeof en].match(/\{\w+\}/g) ?? []).sort();
        expect({ lang, key, placeholders: (text.match(/\{\w+\}/g) ?? []).sort() }).toEqual({ lang, key, placeholders: wanted });
      }
    }
  });

  it('Korean is complete and Khmer covers the main screens', () => {
    expect(Object.keys(CATALOGUES.ko).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(CATALOGUES.km).length).toBeGreaterThan(50);
  });

  it('translates API codes it knows and shows the others as they are', () => {
    expect(translateCode('ko', 'PENDING_APPROVAL')).toBe('승인 대기');
    expect(translateCode('ko', 'WALLET_BTC')).toBe('WALLET_BTC');
  });
});
