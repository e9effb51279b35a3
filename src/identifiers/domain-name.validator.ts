/**
 * Domain names under host-name rules (RFC 952/1123 letters-digits-hyphen labels), normalised to
 * lower-case ASCII: internationalised names are converted to punycode with Node's WHATWG
 * `domainToASCII` (UTS-46 mapping, as browsers do), and one trailing dot is removed.
 *
 * Rules: labels of 1–63 characters of a-z, 0-9 and inner hyphens; at most 253 characters in all;
 * at least two labels; the top-level label not all digits (that would be an IP address). Labels
 * with underscores (`_dmarc`) are DNS records, not host names, and are refused.
 */
import { createRequire } from 'node:module';
import { domainToASCII } from 'node:url';

// The punycode package (CommonJS, no named exports for ESM), by path: `punycode` alone is Node's
// deprecated built-in of that name.
const { decode: decodePunycode } = createRequire(import.meta.url)('punycode/punycode.js') as typeof import('punycode');
import { describeChar } from './text-rules.js';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierRejection, IdentifierValidation } from './validation-result.js';

const MAX_NAME = 253;
const MAX_LABEL = 63;

export type DomainNormalized =
  { readonly ok: true; readonly ascii: string } | { readonly ok: false; readonly rejection: IdentifierRejection };

function fail(rejection: IdentifierRejection): { ok: false; rejection: IdentifierRejection } {
  return { ok: false, rejection };
}

function checkLabels(ascii: string, label: string): IdentifierRejection | undefined {
  if (ascii.length > MAX_NAME) {
    return reject('wrong length', `a ${label} has at most ${MAX_NAME} characters, this one has ${ascii.length}`);
  }
  const labels = ascii.split('.');
  for (const part of labels) {
    if (part.length === 0)
      return reject('invalid format', `a ${label} cannot have an empty label (leading dot or two dots in a row)`);
    if (part.length > MAX_LABEL) {
      return reject(
        'wrong length',
        `each label has at most ${MAX_LABEL} characters, ${quote(part, 20)} has ${part.length}`,
      );
    }
    const bad = [...part].find((char) => !/[a-z0-9-]/.test(char));
    if (bad !== undefined) {
      return reject(
        'invalid character',
        `${quote(bad)} cannot appear in a host name (letters, digits and hyphens only)`,
      );
    }
    if (part.startsWith('-') || part.endsWith('-')) {
      return reject('invalid format', `label ${quote(part, 20)} starts or ends with a hyphen`);
    }
  }
  if (labels.length < 2) return reject('invalid format', `a ${label} needs at least two labels, e.g. "example.com"`);
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) {
    return reject('invalid format', `the top-level label cannot be all digits (an IP address is not a ${label})`);
  }
  return undefined;
}

/** Shared with e-mail addresses, whose domain part follows the same rules. */
export function normalizeDomainName(value: string, label = 'domain name'): DomainNormalized {
  if (/[/:?#@\\[\]]/.test(value)) {
    return fail(reject('invalid format', `give the ${label} alone, without scheme, port, path, user or brackets`));
  }
  const space = [...value].find((char) => /[\s\p{C}]/u.test(char));
  if (space !== undefined) return fail(reject('invalid character', `the ${label} contains ${describeChar(space)}`));
  // One trailing dot marks a fully-qualified name; it is not part of the identity.
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  // ASCII names are checked as given so the reason can name the character; only IDNs and
  // punycode labels need the IDNA conversion (which also validates punycode).
  const isAscii = /^[\x20-\x7e]*$/.test(name);
  const ascii = isAscii ? name.toLowerCase() : domainToASCII(name);
  if (!isAscii && ascii === '') {
    return fail(reject('invalid format', `${quote(name)} is not a valid internationalised ${label} (IDNA)`));
  }
  const problem = checkLabels(ascii, label);
  if (problem) return fail(problem);
  if (isAscii && ascii.split('.').some((part) => part.startsWith('xn--') && !isValidPunycodeLabel(part))) {
    return fail(reject('invalid format', `a punycode (xn--) label of this ${label} does not decode to a valid name`));
  }
  return { ok: true, ascii };
}

/**
 * An `xn--` label is valid when it decodes (RFC 3492) to a name whose IDNA form is that label again.
 * Decoded here rather than by domainToASCII alone: Node 24's URL parser passes undecodable
 * `xn--` labels through unchanged where Node 20 and 22 refused them.
 */
function isValidPunycodeLabel(label: string): boolean {
  let decoded: string;
  try {
    decoded = decodePunycode(label.slice(4));
  } catch {
    return false;
  }
  return decoded !== '' && domainToASCII(`${decoded}.example`) === `${label}.example`;
}

export function validateDomainName(value: string): IdentifierValidation {
  const normalized = normalizeDomainName(value);
  return normalized.ok ? accept(normalized.ascii) : normalized.rejection;
}
