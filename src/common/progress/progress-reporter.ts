import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** One long piece of work with a known size. */
export interface ProgressTask {
  /** Sets how much is done (absolute), with an optional short note (rate, elapsed time, current item). */
  update(done: number, detail?: string): void;
  increment(by?: number, detail?: string): void;
  /** Ends the task with a summary line: how much, in how long. */
  finish(detail?: string): void;
}

/**
 * Progress of long CLI work (sync catch-up, imports, benchmarks): a bar redrawn in place on a terminal
 * (cli-progress), plain lines elsewhere (CI logs, files, pipes), at most one per `intervalMs` per task.
 */
export interface ProgressReporter {
  /** A line of output that stays (printed above any bar). */
  line(text: string): void;
  task(label: string, total: number): ProgressTask;
  /** Stops drawing bars (call before exiting, also on errors). */
  close(): void;
}

export interface ProgressOptions {
  /** Default process.stderr, so that results on stdout stay clean. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Default: the stream's isTTY. */
  tty?: boolean;
  /** Plain mode: least time between two lines of one task (default 2,000 ms). */
  intervalMs?: number;
  now?: () => number;
}

/** Least time between two redraws forced by updates. */
const REDRAW_MS = 100;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => {
  const s = ms / 1000;
  return s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2);
};

function percent(done: number, total: number): string {
  return total > 0 ? `${Math.floor((Math.min(done, total) / total) * 100)}%` : '–';
}

export function createProgressReporter(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? stream.isTTY === true;
  const now = options.now ?? (() => performance.now());
  return tty ? new BarReporter(stream, now) : new LineReporter(stream, options.intervalMs ?? 2000, now);
}

class LineReporter implements ProgressReporter {
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  line(text: string): void {
    this.stream.write(`${text}\n`);
  }

  task(label: string, total: number): ProgressTask {
    const startedAt = this.now();
    let lastLineAt = startedAt;
    let done = 0;
    let finished = false;
    const update = (value: number, detail?: string) => {
      done = value;
      const at = this.now();
      if (finished || at - lastLineAt < this.intervalMs) return;
      lastLineAt = at;
      this.line(`${label}: ${fmt(done)}/${fmt(total)} (${percent(done, total)})${detail ? ` ${detail}` : ''}`);
    };
    return {
      update,
      increment: (by = 1, detail) => update(done + by, detail),
      finish: (detail) => {
        if (finished) return;
        finished = true;
        this.line(
          `${label}: ${fmt(done)}/${fmt(total)} in ${seconds(this.now() - startedAt)} s${detail ? ` ${detail}` : ''}`,
        );
      },
    };
  }

  close(): void {}
}

class BarReporter implements ProgressReporter {
  private multibar?: MultiBar;
  private bars = 0;
  private lastDrawAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly now: () => number,
  ) {}

  line(text: string): void {
    if (this.multibar) this.multibar.log(`${text}\n`);
    else this.stream.write(`${text}\n`);
  }

  task(label: string, total: number): ProgressTask {
    this.multibar ??= new MultiBar(
      {
        stream: this.stream,
        format: '{label} [{bar}] {value}/{total} {percentage}% {detail}',
        formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? fmt(value) : String(value)),
        hideCursor: true,
        clearOnComplete: true,
        autopadding: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    const bar: SingleBar = this.multibar.create(total, 0, { label, detail: '' });
    this.bars += 1;
    const startedAt = this.now();
    let done = 0;
    let finished = false;
    const show = (detail?: string) => {
      if (finished) return;
      bar.update(Math.min(done, total), { detail: detail ?? '' });
      this.redraw();
    };
    return {
      update: (value, detail) => {
        done = value;
        show(detail);
      },
      increment: (by = 1, detail) => {
        done += by;
        show(detail);
      },
      finish: (detail) => {
        if (finished) return;
        finished = true;
        // Logged before the removal: removing redraws, which prints the buffered lines above the bars.
        this.line(
          `${label}: ${fmt(done)}/${fmt(total)} in ${seconds(this.now() - startedAt)} s${detail ? ` ${detail}` : ''}`,
        );
        this.multibar?.remove(bar);
        this.bars -= 1;
        if (this.bars === 0) this.close();
      },
    };
  }

  /** cli-progress redraws on a timer, which CPU-bound work (a benchmark loop) starves: draw now and then ourselves. */
  private redraw(): void {
    const at = this.now();
    if (at - this.lastDrawAt < REDRAW_MS) return;
    this.lastDrawAt = at;
    this.multibar?.update();
  }

  close(): void {
    // stop() drops lines still buffered by log(): draw once more first.
    this.multibar?.update();
    this.multibar?.stop();
    this.multibar = undefined;
  }
}
