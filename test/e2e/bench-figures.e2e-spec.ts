import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { maxOf, percentile } from '../../bench/support/screen-load.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** bench:screen crashed on a quiet machine with RangeError in bareSingle: Math.max(...latencies). */
describe('benchmark figures', () => {
  const latencies = Array.from({ length: 2_000_000 }, (_, i) => (i * 7919) % 1_000_003);

  it('come from loops, not from spreading every sample into one call', () => {
    expect(() => Math.max(...latencies)).toThrow(RangeError);
    expect(maxOf(latencies)).toBe(1_000_002);
    expect(percentile(latencies, 50)).toBeGreaterThan(0);
    expect(maxOf([])).toBeNaN();
  });

  it('no benchmark spreads an array into Math.max, Math.min or push', () => {
    const offenders = files('bench').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${file}:${i + 1}` }))
        .filter(({ line }) => !/^\s*(\*|\/\/)/.test(line) && /(Math\.(max|min)|\.push|\.apply)\(\s*\.\.\./.test(line)),
    );
    expect(offenders.map((o) => o.where)).toEqual([]);
  });
});
