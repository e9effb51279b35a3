import type { TransformablePath } from '../cases/case-content.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { identifierCategory, type DataCategory, type IdentifierType } from '../kernel/vocabulary/index.js';

/** A piece of free text that is data a sharing policy governs: where it is, and as which case field it counts. */
export interface SensitiveSpan {
  start: number;
  end: number;
  category: DataCategory;
  /** The case field whose transform applies to it. */
  field: TransformablePath;
  /** For the officer: what was found, e.g. "WALLET_BTC" or "identity document number". */
  what: string;
}

// Free text (a reply) cannot be redacted field by field: it is scanned for what the case model would
// hold in a field of its own. Identifiers are found by the node's own validators (a checksum, a
// numbering plan), so plain words are not taken for them; document numbers, dates of birth and bank
// account numbers are found where the text names them, or by the common passport number shape.

/** Tokens that may be one identifier: split on white space, without the punctuation around them. */
const TOKEN = /[^\s"'()[\]{}<>,;]+/g;
const EDGE_PUNCTUATION = /[.:!?]+$/;
const WALLET_TYPES: IdentifierType[] = ['WALLET_BTC', 'WALLET_LTC', 'WALLET_EVM', 'WALLET_TRON', 'WALLET_XMR'];
const PHONE = /\+\d[\d\s().\-/]{5,22}\d/g;
const IBAN = /^[A-Za-z]{2}\d{2}[A-Za-z0-9]{10,30}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/;

/** "passport no. M12345678", "ID card: 123456789012", "document number K0001234". */
const LABELLED_DOCUMENT =
  /\b(?:passports?|passeport|(?:national |identity )?ID(?: card)?|identity card|travel document|document)(?:\s+(?:no\.?|number|nr\.?|#))?\s*[:#]?\s*((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{4,19})\b/gi;
/** ICAO 9303 passport numbers as most states issue them: one or two letters, then 6 to 8 digits. */
const PASSPORT_SHAPE = /\b[A-Z]{1,2}\d{6,8}\b/g;
/** "born 1988-04-17", "DOB: 17.04.1988", "date of birth 17/04/1988". */
const LABELLED_BIRTH_DATE =
  /\b(?:born(?:\s+on)?|DOB|d\.o\.b\.?|date of birth)\s*[:]?\s*(\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})/gi;
/** "account 123-456-789", "a/c no. 0012345678". */
const LABELLED_ACCOUNT = /\b(?:account|acct|a\/c)(?:\s+(?:no\.?|number|#))?\s*[:#]?\s*(\d[\d -]{4,40}\d)/gi;

function identifierSpan(type: IdentifierType, start: number, end: number): SensitiveSpan {
  return { start, end, category: identifierCategory(type), field: 'identifiers[].value', what: type };
}

/** The identifier type a token is, by the node's validators, if any. */
function identifierTypeOf(token: string): IdentifierType | undefined {
  const candidates: IdentifierType[] = token.startsWith('@')
    ? ['TELEGRAM']
    : token.includes('@')
      ? ['EMAIL']
      : /^(https?:\/\/)?(t|telegram)\.me\//i.test(token)
        ? ['TELEGRAM']
        : IPV4.test(token) || IPV6.test(token)
          ? ['IP_ADDRESS']
          : IBAN.test(token)
            ? ['BANK_ACCOUNT']
            : token.length >= 26
              ? WALLET_TYPES
              : [];
  return candidates.find((type) => validateIdentifier(type, token).valid);
}

function groupSpan(match: RegExpMatchArray, span: Omit<SensitiveSpan, 'start' | 'end'>): SensitiveSpan {
  const start = (match.index ?? 0) + match[0].lastIndexOf(match[1]);
  return { ...span, start, end: start + match[1].length };
}

/** The sensitive spans of `text`, in order, none overlapping (the first found at a place wins). */
export function findSensitiveSpans(text: string): SensitiveSpan[] {
  const found: SensitiveSpan[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0].replace(EDGE_PUNCTUATION, '');
    const type = token.length >= 3 && token.length <= 128 ? identifierTypeOf(token) : undefined;
    if (type) found.push(identifierSpan(type, match.index, match.index + token.length));
  }
  for (const match of text.matchAll(PHONE)) {
    if (validateIdentifier('PHONE', match[0]).valid)
      found.push(identifierSpan('PHONE', match.index, match.index + match[0].length));
  }
  const document = {
    category: 'IDENTITY_DOCUMENTS',
    field: 'subjects[].documents[].number',
    what: 'identity document number',
  } as const;
  for (const match of text.matchAll(LABELLED_DOCUMENT)) found.push(groupSpan(match, document));
  for (const match of text.matchAll(PASSPORT_SHAPE))
    found.push({ ...document, start: match.index, end: match.index + match[0].length });
  for (const match of text.matchAll(LABELLED_BIRTH_DATE))
    found.push(
      groupSpan(match, { category: 'DATES_OF_BIRTH', field: 'subjects[].dateOfBirth', what: 'date of birth' }),
    );
  for (const match of text.matchAll(LABELLED_ACCOUNT))
    found.push(groupSpan(match, { ...identifierSpan('BANK_ACCOUNT', 0, 0), what: 'BANK_ACCOUNT' }));

  const spans: SensitiveSpan[] = [];
  for (const span of found.sort((a, b) => a.start - b.start || b.end - a.end)) {
    const previous = spans.at(-1);
    if (!previous || span.start >= previous.end) spans.push(span);
  }
  return spans;
}
