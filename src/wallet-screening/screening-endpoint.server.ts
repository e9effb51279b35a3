import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { ScreeningSystems } from './screening-systems.service.js';
import { parseBatch, parseItem, ScreeningRequestError } from './screening-request.js';
import { WalletScreeningService } from './wallet-screening.service.js';

const SINGLE_LIMIT = 16 * 1024;
const BATCH_LIMIT = 4 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The machine endpoint for the exchange's own systems (docs/PROTOCOL.md §15.4): a bare Node HTTP
 * server on `screening.port` (API key) and, with `screening.tlsPort`, an HTTPS one where a system may
 * instead present its pinned client certificate. No Nest pipeline, no GraphQL, no per-request password
 * hash: one SHA-256 and a map lookup authenticate a call, and the lookups are prepared statements.
 */
@Injectable()
export class ScreeningEndpointServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly servers: Server[] = [];

  constructor(
    private readonly systems: ScreeningSystems,
    private readonly screening: WalletScreeningService,
    private readonly identity: NodeIdentityService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Where each server listens (tests use port 0). */
  ports(): { http?: number; https?: number } {
    const [http, https] = this.servers.map((server) => (server.address() as AddressInfo | null)?.port);
    return { http, https };
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.screening;
    if (!settings || this.config.kind !== 'exchange') return;
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    const plain = createHttpServer({ keepAliveTimeout: 65_000 }, handler);
    await this.listen(plain, settings.host, settings.port, 'http');
    if (settings.tlsPort !== undefined) {
      const identity = this.identity.current();
      const secure = createHttpsServer(
        {
          key: identity.tlsKeyPem,
          cert: identity.certificatePem,
          minVersion: 'TLSv1.3',
          requestCert: true,
          // Systems' certificates are pinned one by one (registerScreeningCertificate), not chained.
          rejectUnauthorized: false,
          keepAliveTimeout: 65_000,
        },
        handler,
      );
      await this.listen(secure, settings.host, settings.tlsPort, 'https');
    }
  }

  private async listen(server: Server, host: string, port: number, scheme: string): Promise<void> {
    server.headersTimeout = 15_000;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.servers.push(server);
    const url = `${scheme}://${host}:${(server.address() as AddressInfo).port}`;
    this.logger.info({ event: 'screening.listening', url }, `wallet screening endpoint on ${url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
      if (route !== 'POST /screening/v1/check' && route !== 'POST /screening/v1/batch')
        throw new Refusal(404, 'NOT_FOUND', 'POST /screening/v1/check or /screening/v1/batch');
      const systemId = this.authenticate(req);
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
        throw new Refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'send Content-Type: application/json');
      const single = route.endsWith('/check');
      const body = await this.readJson(req, single ? SINGLE_LIMIT : BATCH_LIMIT);
      const answer = single
        ? await this.screening.check(systemId, parseItem(body))
        : await this.screening.batch(systemId, parseBatch(body));
      this.send(res, 200, answer);
    } catch (error) {
      if (error instanceof ScreeningRequestError)
        return this.send(res, 400, { error: { code: 'BAD_REQUEST', field: error.field, message: error.message } });
      if (error instanceof Refusal)
        return this.send(
          res,
          error.status,
          { error: { code: error.code, message: error.message } },
          error.status === 413,
        );
      this.logger.error({ err: error, event: 'screening.failed' }, 'screening request failed');
      this.send(res, 500, { error: { code: 'INTERNAL', message: 'internal error; the node has logged the details' } });
    }
  }

  /** An enabled system's API key, or (on the TLS port) its pinned client certificate. */
  private authenticate(req: IncomingMessage): string {
    const header = req.headers.authorization;
    const key = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const byKey = key ? this.systems.systemOfKey(key) : undefined;
    if (byKey) return byKey;
    const socket = req.socket as Partial<TLSSocket>;
    const certificate = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
    const byCertificate = certificate?.raw ? this.systems.systemOfCertificate(certificate.raw) : undefined;
    if (byCertificate) return byCertificate;
    throw new Refusal(
      401,
      'UNAUTHENTICATED',
      "send Authorization: Bearer <the system's API key>, or its registered client certificate",
    );
  }

  private async readJson(req: IncomingMessage, limit: number): Promise<unknown> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) throw new Refusal(413, 'PAYLOAD_TOO_LARGE', `at most ${limit} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new Refusal(413, 'PAYLOAD_TOO_LARGE', `at most ${limit} bytes`);
      chunks.push(chunk);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch {
      throw new Refusal(400, 'BAD_REQUEST', 'the body is not JSON');
    }
  }

  private send(res: ServerResponse, status: number, body: unknown, close = false): void {
    if (res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(text);
  }
}
