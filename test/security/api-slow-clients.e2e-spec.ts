import { connect } from 'node:net';
import { ApiNodeProcess, http, rawConnection, sleep } from './support/api-attacker.js';

// Issue #14 item 12: slow clients are cut off on the officers' API as on the peer port. Before, a
// body sent at 1 byte/s was held for 325 s, incomplete headers for 85 s, and connections had no cap.
describe('slow and idle clients on the officers API (real node process, default limits)', () => {
  let node: ApiNodeProcess;

  beforeAll(async () => {
    node = await ApiNodeProcess.start('sec_slow');
  }, 120_000);
  afterAll(() => node?.stop());

  it('cuts off a body sent at 1 byte per second within seconds, with 408', async () => {
    const { socket, received, closedAt } = await rawConnection(node.port);
    const opened = Date.now();
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n');
    const drip = setInterval(() => socket.writable && socket.write(' '), 1000);
    const closed = await Promise.race([closedAt, sleep(30_000).then(() => undefined)]);
    clearInterval(drip);
    socket.destroy();
    expect(closed).toBeDefined();
    expect(closed! - opened).toBeLessThan(12_000);
    expect(received()).toMatch(/^HTTP\/1\.1 408/);
  }, 40_000);

  it('cuts off headers that trickle in, a half request line, and a connection that sends nothing', async () => {
    const trickle = await rawConnection(node.port);
    const halfLine = await rawConnection(node.port);
    const silent = await rawConnection(node.port);
    const opened = Date.now();
    trickle.socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => trickle.socket.writable && trickle.socket.write('X-Slow: 1\r\n'), 1000);
    halfLine.socket.write('GET /health/li');
    const deadline = sleep(30_000).then(() => undefined);
    const closed = await Promise.all([trickle, halfLine, silent].map((c) => Promise.race([c.closedAt, deadline])));
    clearInterval(drip);
    for (const c of [trickle, halfLine, silent]) c.socket.destroy();
    const after = closed.map((at) => (at === undefined ? 'still open after 30 s' : at - opened));
    expect(after.every((ms) => typeof ms === 'number' && ms < 14_000)).toBe(true);
    expect(trickle.received()).toMatch(/^HTTP\/1\.1 408/);
  }, 40_000);

  it('still takes a large body at an ordinary pace, and a plain request at once', async () => {
    const body = JSON.stringify({ query: `{ nodeInfo { id } }${' '.repeat(30_000)}` });
    const { socket, received, closedAt } = await rawConnection(node.port);
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    // About 4 KB/s for 7 s: slower than any real client, above the 1 KB/s floor.
    for (let sent = 0; sent < body.length; sent += 4096) {
      socket.write(body.slice(sent, sent + 4096));
      await sleep(950);
    }
    await Promise.race([closedAt, sleep(10_000)]);
    expect(received()).toMatch(/^HTTP\/1\.1 200/);
    expect(received()).toContain('"kh-gdce"');
    expect((await http(`${node.url}/health/live`)).status).toBe(200);
  }, 30_000);

  it('refuses connections beyond its cap (512 by default) at once, and serves again once the idle ones are cut', async () => {
    const idle = await Promise.all(Array.from({ length: 512 }, () => rawConnection(node.port)));
    await sleep(300);
    const extra = connect(node.port, '127.0.0.1');
    extra.on('error', () => undefined);
    const extraClosed = await Promise.race([
      new Promise<number>((resolve) => extra.once('close', () => resolve(Date.now()))),
      sleep(5_000).then(() => undefined),
    ]);
    extra.destroy();
    expect(extraClosed).toBeDefined();
    // The idle connections themselves are cut after the headers timeout, and the node serves again.
    await Promise.race([Promise.all(idle.map((c) => c.closedAt)), sleep(20_000)]);
    for (const c of idle) c.socket.destroy();
    expect((await http(`${node.url}/health/live`)).status).toBe(200);
    const refusals = node.process.logEntries().filter((entry) => entry.event === 'http.connections_refused');
    expect(refusals.length).toBeGreaterThan(0);
  }, 40_000);
});
