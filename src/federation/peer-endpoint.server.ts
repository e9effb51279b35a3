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
import { parseNodeCertificate } from '../identity/node-certificate.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { PACKETS_PATH } from './delivery.service.js';
import { FederationInboxService } from './federation-inbox.service.js';
import { pemOfPeerCertificate, peerTlsOptions } from './peer-tls.js';

/** A route of the peer API: gets the authenticated peer id, answers with a status and a JSON body. */
export type PeerRoute = (request: { peerId: string; url: URL; body: unknown }) => Promise<{ status: number; body: unknown }>;

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
  private readonly routes = new Map<string, PeerRoute>();

  constructor(
    private readonly identity: NodeIdentityService,
    private readonly trust: CertificateTrustService,
    private readonly inbox: FederationInboxService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.register('POST', PACKETS_PATH, async ({ peerId, body }) => this.inbox.receive(body, peerId));
    this.register('GET', '/federation/v1/hello', async ({ peerId }) => ({ status: 200, body: { node: this.config.id, peer: peerId } }));
  }

  /** Other modules (watchlist sync) add their routes before the server starts. */
  register(method: 'GET' | 'POST', path: string, route: PeerRoute): void {
    this.routes.set(`${method} ${path}`, route);
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
    server.on('secureConnection', (socket: TLSSocket) => this.admissions.set(socket, this.admit(socket)));
    server.on('tlsClientError', (error, socket) => {
      this.logger.warn({ event: 'federation.tls_refused', remoteAddress: socket.remoteAddress, reason: error.message }, 'TLS client refused');
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
        { event: 'federation.peer_refused', remoteAddress: socket.remoteAddress, reason: error instanceof Error ? error.message : String(error) },
        'peer refused after the TLS handshake',
      );
      socket.destroy();
      return undefined;
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const peerId = await this.peerOf(req.socket as TLSSocket);
      const url = new URL(req.url ?? '/', 'https://peer');
      const route = this.routes.get(`${req.method} ${url.pathname}`);
      if (!route) throw new HttpProblem(404, 'NOT_FOUND', `no ${req.method} ${url.pathname} on the federation endpoint`);
      const body = req.method === 'POST' ? await this.readJson(req) : undefined;
      const answer = await route({ peerId, url, body });
      this.send(res, answer.status, answer.body);
    } catch (error) {
      if (error instanceof HttpProblem) {
        // A body refused unread (too large, wrong type): answer first, then close, so the peer reads the 413.
        if (!req.complete) closeAfterResponse(req, res);
        this.send(res, error.status, { error: { code: error.code, message: error.message } });
        return;
      }
      if (isClientFacingError(error) && error.apiCode !== ApiErrorCode.INTERNAL) {
        // A route's own refusal of what the peer sent (e.g. a cursor it never got from us).
        this.send(res, httpStatusOf(error.apiCode), { error: { code: error.apiCode, message: error.message } });
        return;
      }
      this.logger.error({ err: error, event: 'federation.error' }, 'federation request failed');
      this.send(res, 500, { error: { code: 'INTERNAL', message: 'internal error; the node has logged the details' } });
    }
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

  private readJson(req: IncomingMessage): Promise<unknown> {
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
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new HttpProblem(400, 'BAD_USER_INPUT', 'the body is not JSON'));
        }
      });
    });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}
