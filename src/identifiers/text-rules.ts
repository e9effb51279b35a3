/** Character rules shared by the free-text identifier types (exchange account, dark-web handle…). */

/** Control, format (zero-width, bidi overrides), unassigned, private-use and lone surrogate code points. */
const INVISIBLE = /\p{C}/u;
const WHITESPACE = /[\s\p{Z}]/u;

/** The first character that cannot be shown or copied faithfully, or undefined. */
export function firstInvisibleChar(value: string): string | undefined {
  for (const char of value) if (INVISIBLE.test(char)) return char;
  return undefined;
}

export function firstWhitespaceChar(value: string): string | undefined {
  for (const char of value) if (WHITESPACE.test(char)) return char;
  return undefined;
}

/** Length in code points, so an emoji or a Cyrillic letter counts once. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _char of value) count += 1;
  return count;
}

/** U+XXXX for a reason sentence: invisible characters cannot be quoted usefully. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A lower-case slug naming a platform (exchange, forum, market): letters, digits, and inner dots,
 * hyphens or underscores, 1–64 characters — `binance`, `crypto.com`, `xss.is`, `gate_io`.
 */
export const PLATFORM_SLUG = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
