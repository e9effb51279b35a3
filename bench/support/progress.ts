/** Number formats of the benchmark reports. Progress output: src/common/progress/progress-reporter.ts. */
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtSec = (s: number): string => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
