import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { closeAfterResponse } from '../common/http/lingering-close.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { TaxiiAccount } from './entities/taxii-account.entity.js';
import { TaxiiAccountService } from './taxii-account.service.js';
import { arrivedOnTaxiiListener, TaxiiListener } from './taxii-listener.js';
import { acceptsTaxii, TAXII_MEDIA_TYPE, TaxiiRequestError } from './taxii-paging.js';

/** What a TAXII route answers: a status (200 unless told), a body and extra headers. */
export interface TaxiiAnswer {
  status?: number;
  body: object;
  headers?: Record<string, string>;
}

/**
 * The one way every /taxii2/ route answers: only on the TAXII listener (Basic credentials never cross
 * the officers' plain-HTTP port), authenticated, for a client that accepts TAXII 2.1, and always as
 * application/taxii+json;version=2.1, TAXII error messages included (§3.6.1).
 */
@Injectable()
export class TaxiiResponder {
  constructor(
    private readonly accounts: TaxiiAccountService,
    private readonly listener: TaxiiListener,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async answer(
    req: IncomingMessage,
    res: ServerResponse,
    work: (account: TaxiiAccount) => Promise<TaxiiAnswer>,
  ): Promise<void> {
    let answer: TaxiiAnswer;
    try {
      this.checkListener(req);
      const account = await this.accounts.authenticate(req.headers.authorization, req.socket.remoteAddress);
      if (!acceptsTaxii(req.headers.accept))
        throw new TaxiiRequestError(406, 'Not acceptable', `this server answers ${TAXII_MEDIA_TYPE} only`);
      answer = await work(account);
    } catch (error) {
      answer = this.failure(req, error);
      // Refused before its body was read (401, 403, 415): answer, then close, so the client reads the answer.
      if (req.method === 'POST' && !req.complete) closeAfterResponse(req, res);
    }
    if (res.headersSent) return;
    res.statusCode = answer.status ?? 200;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.setHeader('Content-Type', TAXII_MEDIA_TYPE);
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(answer.body));
  }

  /** Off the TAXII listener, /taxii2/ reads no credentials and says where TAXII is. */
  private checkListener(req: IncomingMessage): void {
    if (arrivedOnTaxiiListener(req)) return;
    const base = this.config.taxii.publicUrl ?? this.listener.url();
    throw new TaxiiRequestError(
      404,
      'Not found',
      base
        ? `TAXII is served on its own listener, ${base}/taxii2/; send no credentials here`
        : 'this node serves no TAXII (taxii.port is not configured)',
    );
  }

  private failure(req: IncomingMessage, error: unknown): TaxiiAnswer {
    if (!(error instanceof TaxiiRequestError)) {
      this.logger.error({ err: error, event: 'taxii.failed', path: req.url }, 'TAXII request failed');
    }
    const failure =
      error instanceof TaxiiRequestError
        ? error
        : new TaxiiRequestError(500, 'Internal error', 'the request could not be served; the node logged why');
    const headers: Record<string, string> = { ...failure.headers };
    if (failure.status === 401) headers['WWW-Authenticate'] = 'Basic realm="fed-node TAXII", charset="UTF-8"';
    return {
      status: failure.status,
      headers,
      body: { title: failure.title, description: failure.message, http_status: String(failure.status) },
    };
  }
}
