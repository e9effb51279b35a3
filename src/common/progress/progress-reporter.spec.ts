import { Writable } from 'node:stream';
import { createProgressReporter } from './progress-reporter.js';

function sink(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    }),
    { isTTY, columns: 100 },
  );
  return { stream, text: () => text };
}

describe('progress reporter', () => {
  it('writes plain lines when the stream is not a terminal: at most one per interval per task, and a summary', () => {
    const out = sink(false);
    let clock = 0;
    const progress = createProgressReporter({ stream: out.stream, intervalMs: 1000, now: () => clock });
    progress.line('Watchlist sync benchmark');
    const task = progress.task('signing entries', 200_000);
    task.update(50_000); // within the first interval: no line
    clock = 1000;
    task.update(100_000, '12 s');
    clock = 1500;
    task.increment(10_000); // 500 ms after the last line: no line
    clock = 2600;
    task.increment(90_000, 'done soon');
    clock = 3250;
    task.finish('(not counted)');
    task.finish(); // a second finish prints nothing
    task.update(1);
    progress.close();
    expect(out.text()).toBe(
      [
        'Watchlist sync benchmark',
        'signing entries: 100,000/200,000 (50%) 12 s',
        'signing entries: 200,000/200,000 (100%) done soon',
        'signing entries: 200,000/200,000 in 3.25 s (not counted)',
        '',
      ].join('\n'),
    );
    expect(out.text()).not.toContain('\r');
    expect(out.text()).not.toContain('\x1b[');
  });

  it('a task of unknown size (total 0) prints no percentage', () => {
    const out = sink(false);
    let clock = 0;
    const task = createProgressReporter({ stream: out.stream, intervalMs: 0, now: () => clock }).task('objects', 0);
    clock = 5;
    task.update(7);
    expect(out.text()).toBe('objects: 7/0 (–)\n');
  });

  it('draws a bar on a terminal (without waiting for its timer) and keeps the lines and the summary', () => {
    const out = sink(true);
    let clock = 0;
    const progress = createProgressReporter({ stream: out.stream, now: () => clock });
    const task = progress.task('sync', 1000);
    task.update(500, '2.0 s');
    progress.line('partner holds 500');
    clock = 4000;
    task.update(1000);
    task.finish();
    progress.close();
    const text = out.text();
    expect(text).toMatch(/sync \[[█░]+\] 500\/1,000 50% 2\.0 s/);
    expect(text).toContain('partner holds 500\n');
    expect(text).toContain('sync: 1,000/1,000 in 4.00 s\n');
  });
});
