import { AlertQueue } from './alert-queue.js';

describe('AlertQueue', () => {
  it('hands pushed values to a waiting reader, buffers the rest in order, and ends on return()', async () => {
    let closed = 0;
    const queue = new AlertQueue<string>(() => (closed += 1));
    const pending = queue.next();
    queue.push('a');
    queue.push('b');
    queue.push('c');
    expect(await pending).toEqual({ value: 'a', done: false });
    expect(await queue.next()).toEqual({ value: 'b', done: false });
    await queue.return();
    expect(closed).toBe(1);
    queue.push('d');
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('releases a reader blocked on next() when the subscription ends', async () => {
    const queue = new AlertQueue<string>(() => undefined);
    const pending = queue.next();
    await queue.return();
    expect(await pending).toEqual({ value: undefined, done: true });
  });
});
