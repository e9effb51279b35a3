import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

export interface SlowClientLimits {
  /** The headers of a request, and on a connection the start of its next request, must arrive within this. */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** After BODY_GRACE_MS, a body arriving slower than this on average is cut off. */
  minBodyBytesPerSecond: number;
  /** Connections beyond this many are closed as they arrive. */
  maxConnections: number;
  /** Upgrades (graphql-ws) are taken only on paths starting with this; others are refused. */
  upgradePath: string;
}

export const BODY_GRACE_MS = 5000;
const CHECK_MS = 1000;
const REQUEST_TIMEOUT = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

interface Watched {
  /** When the connection opened or last finished a response, and how much it had sent then. */
  idleSince: number;
  bytesAtIdle: number;
  /** When bytes of a next request were first seen while idle. */
  startedAt?: number;
  /** The request being received, with when it started and how much the socket had read then. */
  active?: { req: IncomingMessage; res: ServerResponse; since: number; bytesAtStart: number };
  served: number;
}

/**
 * Cuts off slow and idle clients on a Node HTTP server, as the peer endpoint does. Node itself checks
 * `headersTimeout` and `requestTimeout` only every `connectionsCheckingInterval` (30 s by default;
 * read at 'listening', so set here before listen), ignores a request timeout below the headers
 * timeout, never times out a connection that sends nothing or only part of a request line, and has
 * no minimum body rate: a body at 1 byte/s would be held for the whole request timeout. This adds
 * those, once a second over the open connections, and caps their number.
 */
export function guardSlowClients(server: Server, limits: SlowClientLimits, logger: Logger): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = CHECK_MS;
  server.maxConnections = limits.maxConnections;

  const watched = new Map<Socket, Watched>();
  let dropped = 0;
  server.on('drop', () => (dropped += 1));
  server.on('connection', (socket: Socket) => {
    watched.set(socket, { idleSince: Date.now(), bytesAtIdle: 0, served: 0 });
    socket.once('close', () => watched.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const entry = watched.get(req.socket);
    if (!entry) return;
    entry.active = { req, res, since: Date.now(), bytesAtStart: req.socket.bytesRead };
    res.once('close', () => {
      entry.active = undefined;
      entry.startedAt = undefined;
      entry.served += 1;
      entry.idleSince = Date.now();
      entry.bytesAtIdle = req.socket.bytesRead;
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    watched.delete(socket);
    // Nobody else takes an upgrade elsewhere: without this the socket would be held open for ever.
    if (!(req.url ?? '').startsWith(limits.upgradePath))
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  const timer = setInterval(() => {
    const now = Date.now();
    for (const [socket, entry] of watched) {
      const cut = entry.active ? slowBody(entry.active, now, limits) : slowStart(socket, entry, now, limits);
      if (!cut) continue;
      watched.delete(socket);
      logger.warn(
        { event: 'http.slow_client_cut', remoteAddress: socket.remoteAddress, reason: cut },
        `slow client cut off: ${cut}`,
      );
      if (cut === 'idle connection' || entry.active?.res.headersSent) {
        socket.destroy();
        continue;
      }
      // Answer 408 as Node does for its own timeouts, then close whatever the client still sends.
      socket.end(REQUEST_TIMEOUT);
      setTimeout(() => socket.destroy(), CHECK_MS).unref();
    }
    if (dropped > 0) {
      logger.warn(
        { event: 'http.connections_refused', count: dropped, maxConnections: limits.maxConnections },
        `${dropped} connection(s) refused: ${limits.maxConnections} already open`,
      );
      dropped = 0;
    }
  }, CHECK_MS);
  timer.unref();
  server.once('close', () => clearInterval(timer));
}

/** Between requests: a new connection that sends nothing, or a request line and headers that trickle in. */
function slowStart(socket: Socket, entry: Watched, now: number, limits: SlowClientLimits): string | undefined {
  if (socket.bytesRead > entry.bytesAtIdle) entry.startedAt ??= now;
  if (entry.startedAt !== undefined)
    return now - entry.startedAt > limits.headersTimeoutMs ? 'request headers too slow' : undefined;
  // An idle keep-alive connection after a response is Node's keepAliveTimeout's business.
  return entry.served === 0 && now - entry.idleSince > limits.headersTimeoutMs ? 'idle connection' : undefined;
}

/** A request whose body arrives slower than the minimum rate, unless the node itself is not reading it. */
function slowBody(active: NonNullable<Watched['active']>, now: number, limits: SlowClientLimits): string | undefined {
  const { req } = active;
  if (req.complete) return undefined;
  if (req.readableLength >= req.readableHighWaterMark) {
    // Back-pressure from the node: the client is not the slow one.
    active.since = now;
    active.bytesAtStart = req.socket.bytesRead;
    return undefined;
  }
  const elapsedMs = now - active.since;
  if (elapsedMs < BODY_GRACE_MS) return undefined;
  const rate = ((req.socket.bytesRead - active.bytesAtStart) * 1000) / elapsedMs;
  return rate < limits.minBodyBytesPerSecond
    ? `request body at ${Math.round(rate)} bytes/s, below ${limits.minBodyBytesPerSecond}`
    : undefined;
}
