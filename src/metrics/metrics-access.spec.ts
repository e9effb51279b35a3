import { assertMetricsAccess, metricsAccessFromConfig } from './metrics-access.js';
import { MetricsExceptionCode } from './metrics.exception.js';

const TOKEN = 'scrape-token-0123456789';

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('metrics access', () => {
  it('is off by default: no token and not anonymous refuses every scrape', () => {
    const access = metricsAccessFromConfig({ anonymous: false });
    expect(access.kind).toBe('off');
    expect(codeOf(() => assertMetricsAccess(access, `Bearer ${TOKEN}`))).toBe(MetricsExceptionCode.METRICS_OFF);
  });

  it('with a token, wants exactly that bearer token', () => {
    const access = metricsAccessFromConfig({ anonymous: false, token: TOKEN });
    expect(codeOf(() => assertMetricsAccess(access, `Bearer ${TOKEN}`))).toBeUndefined();
    expect(codeOf(() => assertMetricsAccess(access, `bearer ${TOKEN}`))).toBeUndefined();
    for (const header of [
      undefined,
      '',
      TOKEN,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN} extra`,
    ]) {
      expect(codeOf(() => assertMetricsAccess(access, header))).toBe(MetricsExceptionCode.METRICS_TOKEN_REQUIRED);
    }
  });

  it('a token wins over anonymous: a configured token is always required', () => {
    const access = metricsAccessFromConfig({ anonymous: true, token: TOKEN });
    expect(codeOf(() => assertMetricsAccess(access, undefined))).toBe(MetricsExceptionCode.METRICS_TOKEN_REQUIRED);
  });

  it('anonymous serves without a header', () => {
    expect(codeOf(() => assertMetricsAccess(metricsAccessFromConfig({ anonymous: true }), undefined))).toBeUndefined();
  });

  it('reads and trims the token file, and names a missing or short file', () => {
    const files: Record<string, string> = { '/s/metrics-token': `${TOKEN}\n`, '/s/short': 'abc\n' };
    const read = (file: string) => {
      if (!(file in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return files[file];
    };
    const access = metricsAccessFromConfig({ anonymous: false, tokenFile: '/s/metrics-token' }, read);
    expect(codeOf(() => assertMetricsAccess(access, `Bearer ${TOKEN}`))).toBeUndefined();
    expect(() => metricsAccessFromConfig({ anonymous: false, tokenFile: '/s/missing' }, read)).toThrow(
      'metrics.tokenFile /s/missing cannot be read: ENOENT',
    );
    expect(() => metricsAccessFromConfig({ anonymous: false, tokenFile: '/s/short' }, read)).toThrow(
      /at least 16 characters/,
    );
  });
});
