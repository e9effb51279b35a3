import type { Alert } from './entities/alert.entity.js';

/** A subscriber's queue: alerts wait here until the socket's iterator pulls them; bounded so a stalled socket cannot grow it without end. */
export class AlertQueue<T = Alert> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting?: (result: IteratorResult<T>) => void;
  private done = false;

  constructor(private readonly onClose: (queue: AlertQueue<T>) => void) {}

  push(alert: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: alert, done: false });
    } else if (this.buffered.length < 1000) {
      this.buffered.push(alert);
    }
  }

  next(): Promise<IteratorResult<T>> {
    const alert = this.buffered.shift();
    if (alert) return Promise.resolve({ value: alert, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.done = true;
    this.buffered.length = 0;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    this.onClose(this);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
