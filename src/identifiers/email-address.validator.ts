/**
 * E-mail addresses under RFC 5321/5322 mailbox rules (with RFC 6531 UTF-8 local parts).
 *
 * Local part: a dot-atom (`first.last+tag`) or a quoted string (`"john doe"`), at most 64 octets,
 * kept exactly as given (NFC only): RFC 5321 leaves its case to the receiving server.
 * Domain: the host-name rules of DOMAIN, lower-cased and IDNs converted to punycode. Address
 * literals (`user@[192.0.2.1]`) are refused: they name a machine, not a mail domain, and are
 * effectively unused. Whole address at most 254 characters (RFC 5321 path limit less "<>").
 */
import { normalizeDomainName } from './domain-name.validator.js';
import { describeChar } from './text-rules.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierRejection, IdentifierValidation } from './validation-result.js';

const MAX_ADDRESS = 254;
const MAX_LOCAL_OCTETS = 64;
/** RFC 5322 atext, plus any non-ASCII character that is visible (RFC 6531 UTF8-non-ascii). */
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]$|^[^\x00-\x7f\p{C}\p{Z}]$/u;
/** RFC 5322 qtext (printable ASCII except " and \, plus space) and UTF-8. */
const QTEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]$|^[^\x00-\x7f\p{C}]$/u;

function checkDotAtom(local: string): IdentifierRejection | undefined {
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return reject(
      'invalid format',
      'the local part cannot start or end with a dot or have two dots in a row (quote it instead)',
    );
  }
  const bad = [...local].find((char) => char !== '.' && !ATEXT.test(char));
  if (bad === undefined) return undefined;
  const shown = /[\s\p{C}]/u.test(bad) ? describeChar(bad) : quote(bad);
  return reject('invalid character', `${shown} cannot appear in an unquoted local part`);
}

function checkQuoted(local: string): IdentifierRejection | undefined {
  const inner = [...local.slice(1, -1)];
  for (let i = 0; i < inner.length; i += 1) {
    const char = inner[i] ?? '';
    if (char === '\\') {
      const escaped = inner[i + 1];
      if (escaped === undefined || !/^[\x20-\x7e]$/.test(escaped)) {
        return reject('invalid format', 'a backslash in a quoted local part must escape a printable character');
      }
      i += 1;
    } else if (!QTEXT.test(char)) {
      const shown = /[\p{C}]/u.test(char) ? describeChar(char) : quote(char);
      return reject('invalid character', `${shown} must be escaped with \\ inside a quoted local part`);
    }
  }
  return undefined;
}

export function validateEmailAddress(value: string): IdentifierValidation {
  const at = value.lastIndexOf('@');
  if (at === -1) return reject('invalid format', 'an e-mail address needs an "@"');
  const local = value.slice(0, at).normalize('NFC');
  const domain = value.slice(at + 1);
  if (local.length === 0) return reject('invalid format', 'the part before "@" is empty');
  if (domain.length === 0) return reject('invalid format', 'the domain after "@" is empty');
  const localOctets = Buffer.byteLength(local, 'utf8');
  if (localOctets > MAX_LOCAL_OCTETS) {
    return reject('wrong length', `the local part has at most ${MAX_LOCAL_OCTETS} octets, this one has ${localOctets}`);
  }
  const quoted = local.length >= 2 && local.startsWith('"') && local.endsWith('"');
  const localProblem = quoted ? checkQuoted(local) : checkDotAtom(local);
  if (localProblem) return localProblem;
  if (domain.startsWith('[')) {
    return reject('invalid format', 'address literals such as user@[192.0.2.1] are not accepted; give the mail domain');
  }
  const normalizedDomain = normalizeDomainName(domain, 'e-mail domain');
  if (!normalizedDomain.ok) return normalizedDomain.rejection;
  const address = `${local}@${normalizedDomain.ascii}`;
  if (address.length > MAX_ADDRESS) {
    return reject(
      'wrong length',
      `an e-mail address has at most ${MAX_ADDRESS} characters, this one has ${address.length}`,
    );
  }
  return accept(address);
}
