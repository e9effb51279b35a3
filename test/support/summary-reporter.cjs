// Prints each tier's time (unit, medium, e2e: jest's projects) and one plain closing line
// ("N passed, N failed, N skipped") that CI logs can be read by.
class SummaryReporter {
  constructor() {
    this.tiers = new Map();
  }

  onTestResult(test, result) {
    const tier = test.context.config.displayName?.name ?? 'tests';
    const entry = this.tiers.get(tier) ?? { files: 0, tests: 0, ms: 0 };
    entry.files += 1;
    entry.tests += result.numPassingTests + result.numFailingTests;
    entry.ms += result.perfStats.end - result.perfStats.start;
    this.tiers.set(tier, entry);
  }

  onRunComplete(_contexts, results) {
    const lines = [...this.tiers].map(
      ([tier, { files, tests, ms }]) =>
        `  ${tier.padEnd(7)} ${String(tests).padStart(5)} tests in ${String(files).padStart(3)} files, ${(ms / 1000).toFixed(1)} s of test time`,
    );
    if (lines.length)
      process.stdout.write(`\nTime per tier (summed over files; files run two at a time):\n${lines.join('\n')}\n`);
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
