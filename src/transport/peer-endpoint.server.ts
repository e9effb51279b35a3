import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../common/clock.js';
import { ApiErrorCode, isClientFacingError } from '../common/errors/api-error-code.js';
import { httpStatusOf } from '../common/errors/http-error.filter.js';
import { closeAfterResponse } from '../common/http/lingering-close.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { CertificateTrustService } from '../identity/certificate-trust.service.js';
import { parseNodeCertificate } from '../kernel/pki/node-certificate.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import {
  isProtocolVersion,
  PROTOCOL_HEADER,
  PROTOCOL_VERSIONS,
  type ProtocolVersion,
} from '../kernel/vocabulary/protocol-version.js';
import { JsonText } from './json-text.js';
import { pemOfPeerCertificate, peerTlsOptions } from './peer-tls.js';

/** What a route answers: a status, a JSON body (a JsonText body is sent byte for byte), extra headers. */
export interface PeerAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A route of the peer API: gets the authenticated peer id and the protocol version the caller named. */
export type PeerRoute = (request: {
  peerId: string;
  url: URL;
  /** The parsed JSON body, or its raw bytes for a route registered with `{ rawBody: true }`. */
  body: unknown;
  protocol: ProtocolVersion;
}) => Promise<PeerAnswer>;

export interface RouteOptions {
  /** Hand the route the body's bytes unparsed (it answers malformed JSON in its own words). */
  rawBody?: boolean;
}

function problem(error: HttpProblem): { status: number; body: unknown } {
  return { status: error.status, body: { error: { code: error.code, message: error.message } } };
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The federation endpoint: HTTPS with mutual TLS on its own port, separate from the officers' API.
 * OpenSSL refuses clients without a certificate chained to a trust anchor; a certificate that is not a
 * configured peer, is revoked, or does not match its pin is refused right after the handshake,
 * before any request is read.
 */
@Injectable()
export class PeerEndpointServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  /** The admission check of each connection, started at the handshake; requests wait for it. */
  private readonly admissions = new WeakMap<TLSSocket, Promise<string | undefined>>();
  private readonly routes = new Map<string, { route: PeerRoute; options: RouteOptions }>();

  constructor(
    private readonly identity: NodeIdentityService,
    private readonly trust: CertificateTrustService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.register('GET', '/federation/v1/hello', async ({ peerId }) => ({
      status: 200,
      body: { node: this.config.id, peer: peerId, protocolVersions: [...PROTOCOL_VERSIONS] },
    }));
  }

  /** Other modules (packets, watchlist sync, hit-check) add their routes before the server starts. */
  register(method: 'GET' | 'POST', path: string, route: PeerRoute, options: RouteOptions = {}): void {
    this.routes.set(`${method} ${path}`, { route, options });
  }

  port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    const requestTimeoutMs = this.config.federation.requestTimeoutSeconds * 1000;
    const server = createServer({
      ...peerTlsOptions(this.identity.current()),
      requestCert: true,
      rejectUnauthorized: true,
      // Node's defaults let a client that never finishes its handshake hold a socket for 120 s, and check
      // the request timeouts only every 30 s: slow clients are cut off after the request timeout instead.
      handshakeTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
    });
    // Anchors added while the node runs are trusted at once for new connections.
    this.identity.onTrustChange((identity) => server.setSecureContext(peerTlsOptions(identity)));
    server.on('secureConnection', (socket: TLSSocket) => this.admissions.set(socket, this.admit(socket)));
    server.on('tlsClientError', (error, socket) => {
      this.logger.warn(
        { event: 'federation.tls_refused', remoteAddress: socket.remoteAddress, reason: error.message },
        'TLS client refused',
      );
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res));
    server.headersTimeout = Math.min(15_000, requestTimeoutMs);
    server.requestTimeout = requestTimeoutMs;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.federation.port, this.config.federation.host, () => resolve());
    });
    this.server = server;
    this.logger.info(
      { event: 'federation.listening', url: `https://${this.config.federation.host}:${this.port()}` },
      `federation endpoint (mutual TLS) on https://${this.config.federation.host}:${this.port()}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async admit(socket: TLSSocket): Promise<string | undefined> {
    const pem = pemOfPeerCertificate(socket.getPeerCertificate());
    try {
      if (!pem) throw new Error('no client certificate');
      const nodeId = parseNodeCertificate(pem).nodeId;
      await this.trust.verifySender(nodeId, pem, this.clock.now());
      return nodeId;
    } catch (error) {
      this.logger.warn(
        {
          event: 'federation.peer_refused',
          remoteAddress: socket.remoteAddress,
          reason: error instanceof Error ? error.message : String(error),
        },
        'peer refused after the TLS handshake',
      );
      socket.destroy();
      return undefined;
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: PeerAnswer;
    try {
      const peerId = await this.peerOf(req.socket as TLSSocket);
      const url = new URL(req.url ?? '/', 'https://peer');
      const method = req.method ?? '';
      const registered = this.routes.get(`${method} ${url.pathname}`);
      if (!registered)
        throw new HttpProblem(404, 'NOT_FOUND', `no ${method} ${url.pathname} on the federation endpoint`);
      const protocol = protocolOf(req);
      const body = method === 'POST' ? await this.readBody(req, registered.options.rawBody === true) : undefined;
      answer = await this.answer(peerId, method, url, body, protocol);
    } catch (error) {
      // A body refused unread (too large, wrong type): answer first, then close, so the peer reads the 413.
      if (!req.complete) closeAfterResponse(req, res);
      answer = error instanceof HttpProblem ? problem(error) : this.internalError(error);
    }
    this.send(res, answer.status, answer.body, answer.headers);
  }

  /**
   * Answers a request of a peer whose certificate TLS has already verified and admitted. The HTTPS
   * server calls it; so does the medium test tier, which connects nodes in one process without TLS.
   */
  async answer(
    peerId: string,
    method: string,
    url: URL,
    body: unknown,
    protocol: ProtocolVersion = 1,
  ): Promise<PeerAnswer> {
    try {
      const route = this.routes.get(`${method} ${url.pathname}`)?.route;
      if (!route) throw new HttpProblem(404, 'NOT_FOUND', `no ${method} ${url.pathname} on the federation endpoint`);
      return await route({ peerId, url, body, protocol });
    } catch (error) {
      if (error instanceof HttpProblem) return problem(error);
      if (isClientFacingError(error) && error.apiCode !== ApiErrorCode.INTERNAL) {
        // A route's own refusal of what the peer sent (e.g. a cursor it never got from us).
        return {
          status: httpStatusOf(error.apiCode),
          body: { error: { code: error.apiCode, message: error.message } },
        };
      }
      return this.internalError(error);
    }
  }

  private internalError(error: unknown): { status: number; body: unknown } {
    this.logger.error({ err: error, event: 'federation.error' }, 'federation request failed');
    return {
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'internal error; the node has logged the details' } },
    };
  }

  /**
   * The admission check runs right after the handshake and a request may arrive before it finishes:
   * the request waits for it however long a busy database makes it take (a fixed wait refused
   * legitimate peers under load).
   */
  private async peerOf(socket: TLSSocket): Promise<string> {
    const peerId = await this.admissions.get(socket);
    if (!peerId) throw new HttpProblem(403, 'FORBIDDEN', 'this certificate is not accepted as a peer');
    return peerId;
  }

  private readBody(req: IncomingMessage, raw: boolean): Promise<unknown> {
    const limit = this.config.federation.maxBodyBytes;
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) return Promise.reject(new HttpProblem(413, 'BAD_USER_INPUT', `body over ${limit} bytes`));
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return Promise.reject(new HttpProblem(415, 'BAD_USER_INPUT', 'send application/json'));
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          // Not destroyed here: that cut the connection before the 413 was written.
          req.removeListener('data', onData);
          reject(new HttpProblem(413, 'BAD_USER_INPUT', `body over ${limit} bytes`));
          return;
        }
        chunks.push(chunk);
      };
      req.on('data', onData);
      req.on('error', () => reject(new HttpProblem(400, 'BAD_USER_INPUT', 'the request body was cut off')));
      req.on('end', () => {
        if (raw) {
          resolve(Buffer.concat(chunks));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new HttpProblem(400, 'BAD_USER_INPUT', 'the body is not JSON'));
        }
      });
    });
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    const text = body instanceof JsonText ? body.text : JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }
}

/** The protocol version the caller named (docs/PROTOCOL.md §15): absent means 1; one we do not speak is refused. */
function protocolOf(req: IncomingMessage): ProtocolVersion {
  const named = req.headers[PROTOCOL_HEADER];
  if (named === undefined) return 1;
  const version = typeof named === 'string' && /^[1-9][0-9]{0,3}$/.test(named) ? Number(named) : NaN;
  if (!isProtocolVersion(version)) {
    throw new HttpProblem(
      400,
      'UNSUPPORTED_VERSION',
      `${PROTOCOL_HEADER} ${JSON.stringify(String(named)).slice(0, 40)} is not a protocol version this node speaks (${PROTOCOL_VERSIONS.join(', ')})`,
    );
  }
  return version;
}
