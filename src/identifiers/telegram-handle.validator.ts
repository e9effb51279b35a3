/**
 * Telegram public usernames, normalised to `@handle` in lower case (Telegram resolves them
 * case-insensitively).
 *
 * Accepted: `@handle`, bare `handle`, and links `t.me/handle`, `https://t.me/handle`,
 * `telegram.me/handle`, `t.me/s/handle` (channel preview), with an optional trailing slash.
 * Invite links (`t.me/+…`, `t.me/joinchat/…`) name no user and are refused, as are message links
 * (`t.me/handle/123`), which would silently drop the message.
 * Rules (Telegram's): 5–32 characters of a-z, 0-9 and _, starting with a letter, not ending with
 * _ and without __.
 */
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const LINK = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/(.*)$/i;
const MIN_LENGTH = 5;
const MAX_LENGTH = 32;

function extractHandle(value: string): { handle: string } | { error: IdentifierValidation } {
  const link = LINK.exec(value);
  if (link) {
    // A bot deep link's ?start=… or a #fragment is not part of the username.
    const path = (link[1] ?? '').replace(/[?#].*$/, '').replace(/\/$/, '');
    if (path.startsWith('+') || path.toLowerCase().startsWith('joinchat/')) {
      return { error: reject('invalid format', 'this is an invite link, not a username') };
    }
    const segments = path.split('/');
    const preview = segments.length === 2 && segments[0]?.toLowerCase() === 's';
    if (segments.length !== 1 && !preview) {
      return {
        error: reject('invalid format', 'give the profile link t.me/<username>, not a link to a message or page'),
      };
    }
    return { handle: (preview ? segments[1] : segments[0]) ?? '' };
  }
  if (/^(?:https?:\/\/|www\.)/i.test(value) || value.includes('/')) {
    return { error: reject('invalid format', 'only t.me, telegram.me and telegram.dog links name a Telegram user') };
  }
  return { handle: value.startsWith('@') ? value.slice(1) : value };
}

export function validateTelegramHandle(value: string): IdentifierValidation {
  const extracted = extractHandle(value);
  if ('error' in extracted) return extracted.error;
  const handle = extracted.handle.toLowerCase();
  const bad = [...handle].find((char) => !/[a-z0-9_]/.test(char));
  if (bad !== undefined) {
    return reject('invalid character', `${quote(bad)} cannot appear in a Telegram username (a-z, 0-9 and _ only)`);
  }
  if (handle.length < MIN_LENGTH || handle.length > MAX_LENGTH) {
    return reject(
      'wrong length',
      `a Telegram username has ${MIN_LENGTH}–${MAX_LENGTH} characters, this one has ${handle.length}`,
    );
  }
  if (!/^[a-z]/.test(handle)) {
    return reject('invalid format', 'a Telegram username starts with a letter');
  }
  if (handle.endsWith('_')) {
    return reject('invalid format', 'a Telegram username cannot end with an underscore');
  }
  if (handle.includes('__')) {
    return reject('invalid format', 'a Telegram username cannot contain two underscores in a row');
  }
  return accept(`@${handle}`);
}
