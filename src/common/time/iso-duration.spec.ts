import { parseIsoDuration } from './iso-duration.js';

describe('parseIsoDuration', () => {
  it.each([
    ['PT8H', 8 * 3600_000],
    ['P3D', 3 * 86_400_000],
    ['P7D', 7 * 86_400_000],
    ['P1DT12H', 36 * 3600_000],
    ['PT30S', 30_000],
    ['PT1M30S', 90_000],
  ])('%s is %d ms', (text, ms) => expect(parseIsoDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', 'P1M', 'P1Y', '3D', 'P-1D', 'PT0S', 'P0D', 'P1DT', 'pt8h', 'P1.5D'])('refuses %j', (text) =>
    expect(parseIsoDuration(text)).toBeUndefined(),
  );
});
