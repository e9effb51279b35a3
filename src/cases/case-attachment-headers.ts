import type { IncomingHttpHeaders } from 'node:http';
import { InputException } from '../common/errors/input.exception.js';
import { PayloadTooLargeException } from '../common/errors/payload-too-large.exception.js';
import { MAX_ATTACHMENT_BYTES } from './case-content.js';

/** What an upload request says about its file, before any byte of it is read. */
export interface AttachmentUploadHeaders {
  name: string;
  mediaType: string;
  /** From Content-Length when the client sent one. */
  declaredBytes?: number;
}

// The same rule as the case model's attachment schema, so a stored case always re-validates.
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const MAX_NAME_LENGTH = 255;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Bidirectional overrides and isolates make "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `X-Filename`: percent-encoded UTF-8, 1–255 characters, a plain name (no folders, no control characters). */
export function parseAttachmentName(header: string | undefined): string {
  if (header === undefined || header.trim() === '')
    throw new InputException('filename', 'send the file name in the X-Filename header (percent-encoded UTF-8)');
  // Raw UTF-8 in a header arrives as Latin-1 mojibake: insist on the percent-encoding.
  if (/[^\x20-\x7e]/.test(header))
    throw new InputException('filename', 'X-Filename must be percent-encoded UTF-8 (printable ASCII only)');
  let name: string;
  try {
    name = decodeURIComponent(header).trim();
  } catch {
    throw new InputException('filename', 'X-Filename must be percent-encoded UTF-8');
  }
  if (name.length === 0 || name.length > MAX_NAME_LENGTH)
    throw new InputException('filename', `must be 1-${MAX_NAME_LENGTH} characters`);
  if (/[/\\]/.test(name)) throw new InputException('filename', 'must be a file name, without "/" or "\\"');
  if (name === '.' || name === '..') throw new InputException('filename', 'must be a file name, not "." or ".."');
  if (CONTROL.test(name) || BIDI_CONTROL.test(name) || LONE_SURROGATE.test(name)) {
    throw new InputException('filename', 'must not contain control or text-direction characters');
  }
  return name;
}

/** `Content-Type` without parameters, lower-cased; a missing one means opaque bytes. */
export function parseMediaType(header: string | undefined): string {
  if (header === undefined || header.trim() === '') return 'application/octet-stream';
  const mediaType = header.split(';')[0].trim().toLowerCase();
  if (!MEDIA_TYPE.test(mediaType) || mediaType.length > 255)
    throw new InputException('mediaType', 'Content-Type must be a media type such as application/pdf');
  return mediaType;
}

/** Everything an upload is checked for up front; a Content-Length above the limit is refused unread. */
export function parseUploadHeaders(
  headers: IncomingHttpHeaders,
  maxBytes = MAX_ATTACHMENT_BYTES,
): AttachmentUploadHeaders {
  const name = parseAttachmentName(single(headers, 'x-filename'));
  const mediaType = parseMediaType(headers['content-type']);
  const encoding = single(headers, 'content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    throw new InputException('file', 'send the file as it is, without Content-Encoding');
  }
  const length = headers['content-length'];
  if (length === undefined) return { name, mediaType };
  const declaredBytes = Number(length);
  if (!/^\d+$/.test(length) || !Number.isSafeInteger(declaredBytes))
    throw new InputException('file', 'Content-Length is not a number of bytes');
  if (declaredBytes > maxBytes)
    throw new PayloadTooLargeException(
      'file',
      `must be at most ${maxBytes} bytes (50 MiB); this one has ${declaredBytes}`,
    );
  return { name, mediaType, declaredBytes };
}

/** RFC 5987 value characters: the rest is percent-encoded. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Always `attachment` (never rendered inline by a browser), with an ASCII fallback name for old
 * clients and the exact UTF-8 name in `filename*` (RFC 6266).
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}
