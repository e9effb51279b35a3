/**
 * IP addresses, one per value (no CIDR prefixes, no zone ids, no brackets).
 *
 * IPv4: four decimal numbers 0–255 without leading zeros — `010.1.1.1` is refused because some
 * software reads it as octal (8.1.1.1) and some as decimal, so it is ambiguous evidence.
 * IPv6: anything `net.isIPv6` accepts, normalised to RFC 5952: lower case, no leading zeros,
 * the longest run (first on a tie) of two or more zero groups as "::", and dotted IPv4 for the
 * IPv4-mapped (::ffff:0:0/96) and IPv4-translated (::ffff:0:0:0/96) prefixes.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

function validateIpv4(value: string): IdentifierValidation {
  const bad = [...value].find((char) => !/[0-9.]/.test(char));
  if (bad !== undefined) {
    return reject('invalid character', `${quote(bad)} cannot appear in an IPv4 address (dotted decimal only)`);
  }
  const parts = value.split('.');
  if (parts.length !== 4 || parts.some((part) => part.length === 0)) {
    return reject('invalid format', 'an IPv4 address has four dot-separated numbers');
  }
  for (const part of parts) {
    if (part.length > 1 && part.startsWith('0')) {
      return reject('leading zeros', `${quote(part)} has a leading zero, which some software reads as octal`);
    }
    if (part.length > 3 || Number(part) > 255) {
      return reject('out of range', `${quote(part)} is not between 0 and 255`);
    }
  }
  return isIPv4(value) ? accept(value) : reject('invalid format', 'not a valid IPv4 address');
}

/** Eight 16-bit groups of an address `net.isIPv6` accepted. */
function parseIpv6(value: string): number[] {
  let text = value.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const toGroups = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const gap = text.indexOf('::');
  if (gap === -1) return toGroups(text);
  const head = toGroups(text.slice(0, gap));
  const rest = toGroups(text.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
}

/** RFC 5952 §4 and §5 text form of eight groups. */
export function formatIpv6(groups: readonly number[]): string {
  const zerosThrough = (end: number): boolean => groups.slice(0, end).every((group) => group === 0);
  if (zerosThrough(5) && groups[5] === 0xffff) return `::ffff:${ipv4Tail(groups)}`;
  if (zerosThrough(4) && groups[4] === 0xffff && groups[5] === 0) return `::ffff:0:${ipv4Tail(groups)}`;
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never shortened (§4.2.2)
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function ipv4Tail(groups: readonly number[]): string {
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

export function validateIpAddress(value: string): IdentifierValidation {
  if (value.includes('/')) return reject('invalid format', 'CIDR prefixes are not accepted; give a single address');
  if (value.includes('%'))
    return reject('invalid format', 'zone identifiers (%eth0) are local to one machine and not accepted');
  if (value.startsWith('[')) return reject('invalid format', 'give the IPv6 address without brackets or port');
  if (/^[0-9.]+:[0-9]+$/.test(value)) return reject('invalid format', 'give the IPv4 address without a port');
  if (!value.includes(':')) return validateIpv4(value);
  if (!isIPv6(value)) {
    const bad = [...value].find((char) => !/[0-9a-fA-F:.]/.test(char));
    return bad !== undefined
      ? reject('invalid character', `${quote(bad)} cannot appear in an IPv6 address`)
      : reject('invalid format', 'not a valid IPv6 address');
  }
  return accept(formatIpv6(parseIpv6(value)));
}
