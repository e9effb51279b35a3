import { base32 } from '@scure/base';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { validateDarkwebHandle } from './darkweb-handle.validator.js';
import { reasonCategory } from './validation-result.js';

function categoryOf(value: string): string | undefined {
  const result = validateDarkwebHandle(value);
  return result.valid ? undefined : reasonCategory(result.reason);
}

/** Published v3 onion services. */
const DUCKDUCKGO = 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion';
const TOR_PROJECT = '2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion';

describe('validateDarkwebHandle', () => {
  it.each([
    ['dread:/u/someone', 'dread:/u/someone'],
    ['xss.is:vendor1', 'xss.is:vendor1'],
    ['XSS.is:Vendor1', 'xss.is:Vendor1'], // platform lower-cased, handle kept
    ['exploit.in:Big Fish', 'exploit.in:Big Fish'], // forums allow spaces
    ['dread:user:with:colons', 'dread:user:with:colons'],
    [`dread:${'x'.repeat(128)}`, `dread:${'x'.repeat(128)}`],
  ])('accepts the handle %s', (value, normalized) => {
    expect(validateDarkwebHandle(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    [DUCKDUCKGO, DUCKDUCKGO],
    [TOR_PROJECT, TOR_PROJECT],
    [DUCKDUCKGO.toUpperCase(), DUCKDUCKGO],
    [`http://${DUCKDUCKGO}/`, DUCKDUCKGO],
    [`https://${TOR_PROJECT}`, TOR_PROJECT],
  ])('accepts the onion address %s as %s', (value, normalized) => {
    expect(validateDarkwebHandle(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['one base32 character changed', `euckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion`, 'bad checksum'],
    ['the last character changed', `duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczae.onion`, 'bad checksum'],
    ['a 1 (not base32)', `duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzcza1.onion`, 'invalid character'],
    ['a v2 address', 'expyuzz4wqqyqhjn.onion', 'wrong length'],
    ['a truncated address', 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzcz.onion', 'wrong length'],
    ['a subdomain', `www.${DUCKDUCKGO}`, 'invalid format'],
    ['no platform', 'someone', 'invalid format'],
    ['an empty handle', 'dread:', 'wrong length'],
    ['a 129-character handle', `dread:${'x'.repeat(129)}`, 'wrong length'],
    ['a bad platform slug', 'dread forum:someone', 'invalid format'],
    ['a control character', 'dread:some\u0007one', 'invalid character'],
    ['a bidi override', 'dread:some\u202eone', 'invalid character'],
    ['padding spaces in the handle', 'dread: someone', 'invalid format'],
  ])('refuses %s', (_what, value, category) => {
    expect(categoryOf(value)).toBe(category);
  });

  it('refuses a well-formed onion address whose version is not 3', () => {
    const bytes = base32.decode(DUCKDUCKGO.slice(0, 56).toUpperCase());
    const version = 4;
    const checksum = sha3_256(Uint8Array.from([...utf8ToBytes('.onion checksum'), ...bytes.subarray(0, 32), version]));
    const address = `${base32.encode(Uint8Array.from([...bytes.subarray(0, 32), ...checksum.subarray(0, 2), version])).toLowerCase()}.onion`;
    expect(categoryOf(address)).toBe('unknown prefix');
  });
});
