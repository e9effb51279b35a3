import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long the rest of an unread request body is discarded after the answer, at most. */
export const LINGER_MS = 2000;

/**
 * Answers a request whose body was not (fully) read, then closes its connection, nginx-style.
 *
 * Closing a socket with unread input makes the kernel send a reset, which can destroy our answer
 * (a 413, a 401) in the client's receive buffer before the client, still busy sending, has read
 * it. So: announce `Connection: close`, send the answer and our FIN, discard what still arrives
 * for at most LINGER_MS, then close. The body is never processed, and a slow client is not
 * waited for: at most LINGER_MS of its upload is read.
 */
export function closeAfterResponse(request: IncomingMessage, response: ServerResponse, lingerMs = LINGER_MS): void {
  response.setHeader('Connection', 'close');
  const socket = request.socket as Socket & { destroySoon?: () => void };
  // Node's HTTP server calls destroySoon() once a `Connection: close` response is flushed: this
  // socket lingers instead (other connections keep the default).
  socket.destroySoon = () => {
    if (socket.destroyed) return;
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    // The client finished sending (or gave up): nothing left to discard.
    request.once('end', () => socket.destroy());
    socket.once('end', () => socket.destroy());
    socket.end();
    request.resume();
  };
}
