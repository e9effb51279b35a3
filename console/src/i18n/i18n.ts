import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './messages.en';
import { ko } from './messages.ko';
import { km } from './messages.km';

export type Lang = 'en' | 'ko' | 'km';
export const LANGUAGES: { lang: Lang; name: string }[] = [
  { lang: 'en', name: 'English' },
  { lang: 'ko', name: '한국어' },
  { lang: 'km', name: 'ភាសាខ្មែរ' },
];

export const CATALOGUES: Record<Lang, Partial<Record<MessageKey, string>>> = { en, ko, km };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A message in a language, `{name}` placeholders filled in; English where a catalogue lacks it. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGUES[lang][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Enum codes from the API (statuses, categories): translated where the catalogue knows them. */
export function translateCode(lang: Lang, code: string): string {
  const key = `code.${code}` as MessageKey;
  return CATALOGUES[lang][key] ?? en[key] ?? code;
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  code(code: string): string;
}

export const I18nContext = createContext<I18n>({
  lang: 'en',
  setLang: () => undefined,
  t: (key, params) => translate('en', key, params),
  code: (code) => translateCode('en', code),
});

export const useI18n = (): I18n => useContext(I18nContext);

export function initialLang(): Lang {
  const saved = localStorage.getItem('fednode.lang');
  if (saved === 'en' || saved === 'ko' || saved === 'km') return saved;
  const browser = navigator.language.slice(0, 2);
  return browser === 'ko' || browser === 'km' ? browser : 'en';
}
