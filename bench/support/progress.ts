/** Progress output: plain lines, plus a bar redrawn in place only when stdout is a terminal. */
export class Progress {
  private barShown = false;
  private readonly tty = process.stdout.isTTY === true;

  line(text: string): void {
    this.clearBar();
    process.stdout.write(`${text}\n`);
  }

  /** A bar on a TTY; elsewhere nothing (the caller prints plain lines at its own pace). */
  bar(label: string, done: number, total: number, extra = ''): void {
    if (!this.tty) return;
    const width = 30;
    const filled = Math.round((Math.min(done, total) / Math.max(total, 1)) * width);
    process.stdout.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${extra}\x1b[K`);
    this.barShown = true;
  }

  clearBar(): void {
    if (this.barShown) process.stdout.write('\r\x1b[K');
    this.barShown = false;
  }
}

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtSec = (s: number): string => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
