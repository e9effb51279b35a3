import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/** A client certificate and key (PEM); none for a client without a certificate. */
export interface ClientCredentials {
  cert?: string;
  key?: string;
}

export interface PeerAnswer {
  status: number;
  text: string;
  json?: unknown;
}

/** One request to the peer endpoint as a given TLS client (the server's own certificate is not checked here). */
export function peerRequest(
  port: number,
  client: ClientCredentials,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<PeerAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        ...client,
        rejectUnauthorized: false,
        agent: false,
        timeout: 30_000,
        headers: {
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw TLS connection, to write whatever bytes a test wants; `closed` settles when the server hangs up. */
export interface RawConnection {
  socket: TLSSocket | Socket;
  received: () => string;
  closed: Promise<void>;
}

function track(socket: TLSSocket | Socket): RawConnection {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, received: () => Buffer.concat(chunks).toString('utf8'), closed };
}

export function rawTls(port: number, client: ClientCredentials): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ...client, rejectUnauthorized: false }, () =>
      resolve(tracked),
    );
    const tracked = track(socket);
    socket.once('error', reject);
  });
}

export function rawTcp(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port }, () => resolve(tracked));
    const tracked = track(socket);
    socket.once('error', reject);
  });
}

/** Settles with true when `promise` settles within `ms`, false otherwise (a liveness wait, not a speed check). */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
