import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Logger } from 'pino';
import { Public } from '../auth/auth.decorators.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { TaxiiAccountService } from './taxii-account.service.js';
import { TaxiiCollectionService } from './taxii-collection.service.js';
import { acceptsTaxii, parseAddedAfter, parseLimit, parseNext, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE, TaxiiRequestError } from './taxii-paging.js';

const API_ROOT = '/taxii2/api/';

/**
 * TAXII 2.1, read-only, for partners' MISP or OpenCTI: discovery, one API root, one collection per
 * partner. Officers' bearer tokens do not apply here (@Public for the officers' guard): every route
 * authenticates a partner's TAXII account itself, and a partner sees only its own collection.
 */
@Controller('taxii2')
@Public()
export class TaxiiController {
  constructor(
    private readonly accounts: TaxiiAccountService,
    private readonly collections: TaxiiCollectionService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  discovery(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.answer(req, res, async () => ({
      title: `fed-node ${this.config.id} TAXII`,
      description: `${this.config.name}: watchlist indicators for federation partners, each partner its own collection.`,
      default: API_ROOT,
      api_roots: [API_ROOT],
    }));
  }

  @Get('api')
  apiRoot(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.answer(req, res, async () => ({
      title: `${this.config.id} watchlist`,
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: 0,
    }));
  }

  @Get('api/collections')
  list(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.answer(req, res, async (partnerId) => ({ collections: [this.collections.collection(partnerId)] }));
  }

  @Get('api/collections/:id')
  one(@Param('id') id: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.answer(req, res, async (partnerId) => this.ownCollection(partnerId, id));
  }

  @Get('api/collections/:id/objects')
  objects(@Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.answer(req, res, async (partnerId) => {
      this.ownCollection(partnerId, id);
      const page = await this.collections.page(partnerId, parseLimit(query.limit), parseNext(query.next, 2), parseAddedAfter(query.added_after));
      this.dateHeaders(res, page.objects);
      this.logger.info({ event: 'taxii.objects', partnerId, objects: page.objects.length, more: page.more }, `TAXII: ${page.objects.length} objects for ${partnerId}`);
      return { more: page.more, ...(page.next ? { next: page.next } : {}), ...(page.objects.length ? { objects: page.objects.map((o) => o.object) } : {}) };
    });
  }

  @Get('api/collections/:id/manifest')
  manifest(@Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.answer(req, res, async (partnerId) => {
      this.ownCollection(partnerId, id);
      const page = await this.collections.page(partnerId, parseLimit(query.limit), parseNext(query.next, 2), parseAddedAfter(query.added_after));
      this.dateHeaders(res, page.objects);
      const records = page.objects.map(({ object, dateAdded }) => ({
        id: object.id,
        date_added: dateAdded,
        version: (object.modified ?? object.created ?? dateAdded) as string,
        media_type: STIX_MEDIA_TYPE,
      }));
      return { more: page.more, ...(page.next ? { next: page.next } : {}), ...(records.length ? { objects: records } : {}) };
    });
  }

  private ownCollection(partnerId: string, id: string) {
    const own = this.collections.collection(partnerId);
    if (id !== own.id) throw new TaxiiRequestError(403, 'Forbidden', `collection ${id} is not one ${partnerId} may read; yours is ${own.id}`);
    return own;
  }

  private dateHeaders(res: ServerResponse, objects: { dateAdded: string }[]): void {
    if (objects.length === 0) return;
    res.setHeader('X-TAXII-Date-Added-First', objects[0].dateAdded);
    res.setHeader('X-TAXII-Date-Added-Last', objects[objects.length - 1].dateAdded);
  }

  /** Authenticates, runs `work` and writes its answer or a TAXII error message, always as TAXII 2.1 JSON. */
  private async answer(req: IncomingMessage, res: ServerResponse, work: (partnerId: string) => Promise<object>): Promise<void> {
    let status = 200;
    let body: object;
    try {
      const partnerId = await this.accounts.authenticate(req.headers.authorization);
      if (!acceptsTaxii(req.headers.accept)) throw new TaxiiRequestError(406, 'Not acceptable', `this server answers ${TAXII_MEDIA_TYPE} only`);
      body = await work(partnerId);
    } catch (error) {
      if (!(error instanceof TaxiiRequestError)) {
        this.logger.error({ err: error, event: 'taxii.failed', path: req.url }, 'TAXII request failed');
        error = new TaxiiRequestError(500, 'Internal error', 'the request could not be served; the node logged why');
      }
      const failure = error as TaxiiRequestError;
      status = failure.status;
      body = { title: failure.title, description: failure.message, http_status: String(failure.status) };
      if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="fed-node TAXII", charset="UTF-8"');
    }
    res.statusCode = status;
    res.setHeader('Content-Type', TAXII_MEDIA_TYPE);
    res.end(JSON.stringify(body));
  }
}
