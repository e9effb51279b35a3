export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Appended to the timeout error (e.g. the nodes' logs). */
  logs?: () => string;
}

/**
 * The one polling helper of the test suites: calls `probe` until it returns a value other than
 * `undefined` or `false`, and returns that value; fails naming `what` after the timeout.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: EventuallyOptions | number = {},
  logsOnTimeout?: () => string,
): Promise<T> {
  const {
    timeoutMs = 30_000,
    intervalMs = 100,
    logs = logsOnTimeout,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${logs ? `\n${logs()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
