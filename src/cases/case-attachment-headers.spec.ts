import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { PayloadTooLargeException } from '../common/errors/payload-too-large.exception.js';
import {
  contentDisposition,
  parseAttachmentName,
  parseMediaType,
  parseUploadHeaders,
} from './case-attachment-headers.js';

describe('attachment upload headers', () => {
  it('decodes percent-encoded UTF-8 file names', () => {
    expect(parseAttachmentName(encodeURIComponent('송금 내역 2025.pdf'))).toBe('송금 내역 2025.pdf');
    expect(parseAttachmentName('report.pdf')).toBe('report.pdf');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a folder path', encodeURIComponent('../etc/passwd')],
    ['a Windows path', encodeURIComponent('C:\\evil.exe')],
    ['a control character', encodeURIComponent('a\nb.txt')],
    ['a NUL byte', '%00.txt'],
    ['a right-to-left override', encodeURIComponent('invoice\u202Efdp.exe')],
    ['broken percent-encoding', '%E0%A4%A'],
    ['invalid UTF-8', '%C3%28'],
    ['too long', 'a'.repeat(256)],
    ['dot-dot', '..'],
    ['raw UTF-8 instead of percent-encoding', Buffer.from('송금.pdf', 'utf8').toString('latin1')],
  ])('refuses a file name that is %s, naming filename', (_label, header) => {
    expect(() => parseAttachmentName(header)).toThrow(
      expect.objectContaining({ field: 'filename', apiCode: ApiErrorCode.BAD_USER_INPUT }),
    );
  });

  it('accepts 255 characters', () => {
    expect(parseAttachmentName('a'.repeat(255))).toHaveLength(255);
  });

  it('normalises media types and refuses malformed ones', () => {
    expect(parseMediaType('Application/PDF; charset=binary')).toBe('application/pdf');
    expect(parseMediaType(undefined)).toBe('application/octet-stream');
    expect(() => parseMediaType('not a type')).toThrow(expect.objectContaining({ field: 'mediaType' }));
  });

  it('refuses a declared length above the limit before reading, as too large', () => {
    const headers = { 'x-filename': 'a.bin', 'content-type': 'application/octet-stream' };
    expect(parseUploadHeaders({ ...headers, 'content-length': '100' }, 100)).toEqual({
      name: 'a.bin',
      mediaType: 'application/octet-stream',
      declaredBytes: 100,
    });
    expect(() => parseUploadHeaders({ ...headers, 'content-length': '101' }, 100)).toThrow(PayloadTooLargeException);
    expect(() => parseUploadHeaders({ ...headers, 'content-encoding': 'gzip' }, 100)).toThrow(
      expect.objectContaining({ field: 'file' }),
    );
  });

  it('writes a Content-Disposition that cannot break out of its quotes', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition('a "quoted" \\ 100% 송금.pdf')).toBe(
      `attachment; filename="a _quoted_ _ 100_ __.pdf"; filename*=UTF-8''a%20%22quoted%22%20%5C%20100%25%20%EC%86%A1%EA%B8%88.pdf`,
    );
    expect(contentDisposition("it's (1).txt")).toContain("filename*=UTF-8''it%27s%20%281%29.txt");
  });
});
