import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import type { Server as TlsServer } from 'node:tls';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';

/** Paths the TAXII listener hands to the application; anything else is a 404 there. */
export const TAXII_LISTENER_PATHS = ['/taxii2', '/stix/extensions/', '/misp/feed'];

const ON_TAXII_LISTENER = Symbol('fed-node.taxii-listener');
type Marked = IncomingMessage & { [ON_TAXII_LISTENER]?: true };

/** Whether a request came in on the TAXII listener (never on the officers' port). */
export function arrivedOnTaxiiListener(req: IncomingMessage): boolean {
  return (req as Marked)[ON_TAXII_LISTENER] === true;
}

const REQUEST_TIMEOUT_MS = 30_000;
const CERTIFICATE_CHECK_MS = 60_000;

/**
 * TAXII 2.1 (and the MISP feed, and the extension schemas) on a listener of its own: HTTPS with TLS
 * 1.2 or later (§8.2.2) on `taxii.port`, with the node's certificate or a configured one. Plain HTTP
 * only when an operator sets `taxii.tls.enabled: false`. Requests go to the same Nest application
 * as the officers' port, marked, so the TAXII routes answer only here.
 */
@Injectable()
export class TaxiiListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly identity: NodeIdentityService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The URL the listener answers on here (with the port it actually got), or undefined when TAXII is off. */
  url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `${this.config.taxii.tls.enabled ? 'https' : 'http'}://${host}:${address.port}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { taxii } = this.config;
    if (taxii.port === undefined) return;
    const app = this.adapterHost.httpAdapter.getInstance<(req: IncomingMessage, res: ServerResponse) => void>();
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      if (!TAXII_LISTENER_PATHS.some((prefix) => path === prefix || path.startsWith(prefix))) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ error: 'not found: this listener serves /taxii2/, /misp/feed/ and /stix/extensions/' }),
        );
        return;
      }
      (req as Marked)[ON_TAXII_LISTENER] = true;
      app(req, res);
    };
    const server = taxii.tls.enabled ? this.httpsServer(handle) : createHttpServer(handle);
    server.headersTimeout = 15_000;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(taxii.port, taxii.host, () => resolve());
    });
    this.server = server;
    if (!taxii.tls.enabled) {
      this.logger.warn(
        { event: 'taxii.plain_http', url: this.url() },
        `TAXII on plain HTTP (taxii.tls.enabled: false): Basic credentials cross in clear unless a TLS proxy is in front`,
      );
    }
    this.logger.info({ event: 'taxii.listening', url: this.url() }, `TAXII 2.1 on ${this.url()}/taxii2/`);
  }

  private httpsServer(handle: (req: IncomingMessage, res: ServerResponse) => void) {
    const { tls } = this.config.taxii;
    const credentials = () =>
      tls.certFile && tls.keyFile
        ? { cert: readFileSync(tls.certFile, 'utf8'), key: readFileSync(tls.keyFile, 'utf8') }
        : { cert: this.identity.current().certificatePem, key: this.identity.current().tlsKeyPem };
    let current = credentials();
    const server = createHttpsServer(
      {
        ...current,
        minVersion: tls.minVersion,
        handshakeTimeout: REQUEST_TIMEOUT_MS,
        connectionsCheckingInterval: 1000,
      },
      handle,
    );
    // A rotated node certificate (or a renewed configured one) is picked up without a restart.
    this.timer = setInterval(() => {
      try {
        const fresh = credentials();
        if (fresh.cert === current.cert && fresh.key === current.key) return;
        (server as TlsServer).setSecureContext({ ...fresh, minVersion: tls.minVersion });
        current = fresh;
        this.logger.info({ event: 'taxii.certificate_reloaded' }, 'TAXII listener certificate reloaded');
      } catch (error) {
        this.logger.warn({ err: error, event: 'taxii.certificate_reload_failed' }, 'TAXII certificate not reloaded');
      }
    }, CERTIFICATE_CHECK_MS);
    this.timer.unref();
    return server;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const server = this.server as (Server & { closeAllConnections?: () => void }) | undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
  }
}
