import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { CodedText, IdentifierCheck, RemovedField } from '../api/types';
import { en, type MessageKey } from './en';
import { ko } from './ko';
import { km } from './km';
import { fieldPath, inputProblem, splitMore, type ProblemParams } from './input-problems';

export type { MessageKey } from './en';
export type Lang = 'en' | 'ko' | 'km';
export const LANGUAGES: { lang: Lang; name: string }[] = [
  { lang: 'en', name: 'English' },
  { lang: 'ko', name: '한국어' },
  { lang: 'km', name: 'ភាសាខ្មែរ' },
];

export const CATALOGUES: Record<Lang, Partial<Record<MessageKey, string>>> = { en, ko, km };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const has = (lang: Lang, key: string): boolean => key in CATALOGUES[lang] || key in en;
const lookup = (lang: Lang, key: string): string | undefined =>
  CATALOGUES[lang][key as MessageKey] ?? en[key as MessageKey];

/** A message in a language, `{name}` placeholders filled in; English where a catalogue lacks it. */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const text = lookup(lang, key) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Enum codes from the API (statuses, categories, identifier types): translated where the catalogue knows them. */
export function translateCode(lang: Lang, code: string): string {
  return lookup(lang, `code.${code}`) ?? code;
}

/** A case field by its generic policy path (subjects[].dateOfBirth): "Subjects › date of birth". */
export function translateField(lang: Lang, path: string): string {
  return lookup(lang, `field.${path}`) ?? path;
}

// Parameters of the node's coded sentences that are themselves codes (translated) or case fields.
const CODE_PARAMS = new Set(['purpose', 'category', 'transform', 'type']);
const FIELD_PARAMS = new Set(['field']);

function formatParams(lang: Lang, params: Record<string, unknown> | ProblemParams): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) out[name] = value.map((v) => translateCode(lang, String(v))).join(', ');
    else if (typeof value === 'number') out[name] = value;
    else if (CODE_PARAMS.has(name)) out[name] = translateCode(lang, String(value));
    else if (FIELD_PARAMS.has(name)) out[name] = translateField(lang, String(value));
    else out[name] = String(value ?? '');
  }
  return out;
}

/**
 * A sentence the node sent as `{ code, params }` (namespace: policy, idreason, error, apierror), or its own
 * text when the catalogue lacks the code or the node left out a parameter the sentence needs.
 */
export function translateServerText(
  lang: Lang,
  namespace: 'ptext' | 'idreason' | 'error' | 'apierror',
  coded: { code: string; params?: Record<string, unknown> } | null | undefined,
  fallback: string,
): string {
  const key = `${namespace}.${coded?.code}`;
  if (!coded || !has(lang, key)) return fallback;
  const params = coded.params ?? {};
  const needed = (lookup(lang, key) ?? '').match(/\{\w+\}/g) ?? [];
  if (needed.some((placeholder) => params[placeholder.slice(1, -1)] === undefined)) return fallback;
  return translate(lang, key as MessageKey, formatParams(lang, params));
}

/** "bad checksum: the IBAN check digits …" → the category in the reader's language, the detail as the node wrote it. */
export function translateIdentifierReason(lang: Lang, check: Pick<IdentifierCheck, 'reason' | 'reasonCode'>): string {
  const reason = check.reason ?? '';
  const detail = reason.includes(': ') ? reason.slice(reason.indexOf(': ') + 2) : reason;
  return translateServerText(
    lang,
    'idreason',
    check.reasonCode ? { code: check.reasonCode, params: { detail } } : undefined,
    reason,
  );
}

/** A field the node named (`input.subjects.2.dateOfBirth`), by its label where the catalogue has one. */
export function translateInputField(lang: Lang, field: string): string {
  const { path, last, number } = fieldPath(field);
  const label =
    lookup(lang, `field.${path}`) ?? lookup(lang, `input.field.${path}`) ?? lookup(lang, `input.field.${last}`);
  if (!label) return field;
  return number === undefined ? label : translate(lang, 'input.fieldN', { field: label, n: number });
}

/** A BAD_USER_INPUT "field: problem": the field's name and the problems the node usually writes, translated. */
/** One problem the node wrote ("must be one of …"), in the reader's language; as written when unknown. */
export function translateProblem(lang: Lang, problem: string): string {
  const known = inputProblem(problem);
  return known ? translate(lang, known.key, formatParams(lang, known.params)) : problem;
}

function translateInputError(lang: Lang, error: ApiError): string {
  const head = error.message.slice(0, Math.max(0, error.message.indexOf(': ')));
  const field = error.field ?? (/^[\w.[\]]+$/.test(head) ? head : undefined);
  const raw = field && error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
  const { problem, more } = splitMore(raw);
  const known = inputProblem(problem);
  if (!known && !field) return translate(lang, 'apierror.BAD_USER_INPUT', { detail: error.message });
  let text = known ? translate(lang, known.key, formatParams(lang, known.params)) : problem;
  if (more) text = translate(lang, 'input.more', { problem: text, count: more });
  return field ? translate(lang, 'input.problem', { field: translateInputField(lang, field), problem: text }) : text;
}

/**
 * An error in the reader's language: by the domain's code where the node gave one, else by its API code
 * (input refusals by their usual problems); the node's own message only for a code the console does not know.
 */
export function translateError(lang: Lang, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'NETWORK') return translate(lang, 'error.NETWORK');
  const params: Record<string, unknown> = { detail: error.message, seconds: error.retryAfterSeconds };
  if (error.reasonCode) return translateServerText(lang, 'error', { code: error.reasonCode, params }, error.message);
  if (error.code === 'BAD_USER_INPUT') return translateInputError(lang, error);
  return translateServerText(lang, 'apierror', { code: error.code, params }, error.message);
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** A message whose key is built at run time, or undefined when no catalogue has it. */
  maybe(key: string): string | undefined;
  code(code: string): string;
  field(path: string): string;
  policyText(coded: CodedText | null | undefined, fallback: string): string;
  ruleText(removal: RemovedField): string;
  identifierReason(check: Pick<IdentifierCheck, 'reason' | 'reasonCode'>): string;
  errorText(error: unknown): string;
  /** A problem the node found in a form (a partner policy's check), in the reader's language. */
  problemText(problem: string): string;
}

export function i18nFor(lang: Lang, setLang: (lang: Lang) => void = () => undefined): I18n {
  return {
    lang,
    setLang,
    t: (key, params) => translate(lang, key, params),
    maybe: (key) => lookup(lang, key),
    code: (code) => translateCode(lang, code),
    field: (path) => translateField(lang, path),
    policyText: (coded, fallback) => translateServerText(lang, 'ptext', coded, fallback),
    ruleText: (removal) => translateServerText(lang, 'ptext', removal.ruleText, removal.rule),
    identifierReason: (check) => translateIdentifierReason(lang, check),
    errorText: (error) => translateError(lang, error),
    problemText: (problem) => translateProblem(lang, problem),
  };
}

export const I18nContext = createContext<I18n>(i18nFor('en'));

export const useI18n = (): I18n => useContext(I18nContext);

export function initialLang(): Lang {
  const saved = localStorage.getItem('fednode.lang');
  if (saved === 'en' || saved === 'ko' || saved === 'km') return saved;
  const browser = navigator.language.slice(0, 2);
  return browser === 'ko' || browser === 'km' ? browser : 'en';
}
