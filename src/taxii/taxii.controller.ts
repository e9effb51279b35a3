import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Delete, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Logger } from 'pino';
import { Public } from '../common/auth/auth.decorators.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { TaxiiAccount } from './entities/taxii-account.entity.js';
import type { TaxiiCollection } from './entities/taxii-collection.entity.js';
import { TaxiiCollectionService, type CollectionPage } from './taxii-collection.service.js';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE, TaxiiRequestError } from './taxii-paging.js';
import { parseTaxiiQuery, type TaxiiEndpoint } from './taxii-query.js';
import { TaxiiResponder, type TaxiiAnswer } from './taxii-responder.js';

export const API_ROOT = '/taxii2/api/';

function rawQuery(req: IncomingMessage): string {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** The X-TAXII-Date-Added-First/-Last headers (§3.2) of a page, when it holds anything. */
function dateHeaders(page: CollectionPage): Record<string, string> {
  if (page.records.length === 0) return {};
  return {
    'X-TAXII-Date-Added-First': page.records[0].dateAdded,
    'X-TAXII-Date-Added-Last': page.records[page.records.length - 1].dateAdded,
  };
}

/** more and next only when there is more; lists only when not empty (§2: empty lists are prohibited). */
function envelope(page: CollectionPage, key: string, items: unknown[]): object {
  return {
    more: page.more,
    ...(page.next !== undefined ? { next: page.next } : {}),
    ...(items.length > 0 ? { [key]: items } : {}),
  };
}

/**
 * TAXII 2.1 read side (§4.1, §4.2, §5.1–§5.4, §5.6–§5.8) for partners' MISP, OpenCTI or taxii2-client:
 * discovery, one API root, each account's own collection, objects, manifest, one object and its
 * versions, with every filter. Officers' bearer tokens do not apply here (@Public for the officers'
 * guard): the responder authenticates a TAXII account itself.
 */
@Controller('taxii2')
@Public()
export class TaxiiController {
  constructor(
    private readonly responder: TaxiiResponder,
    private readonly collections: TaxiiCollectionService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  discovery(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async () => ({
      body: {
        title: `fed-node ${this.config.id} TAXII`,
        description: `${this.config.name}: watchlist indicators for federation partners, and an inbox for the agency's own tools.`,
        default: API_ROOT,
        api_roots: [API_ROOT],
      },
    }));
  }

  @Get('api')
  apiRoot(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async () => ({
      body: {
        title: `${this.config.id} watchlist`,
        versions: [TAXII_MEDIA_TYPE],
        max_content_length: this.config.taxii.maxContentLength,
      },
    }));
  }

  @Get('api/collections')
  list(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async (account) => ({
      body: { collections: (await this.collections.visibleTo(account)).map((c) => this.collections.describe(c)) },
    }));
  }

  @Get('api/collections/:id')
  one(@Param('id') id: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async (account) => ({
      body: this.collections.describe(await this.collections.resolve(account, id)),
    }));
  }

  @Get('api/collections/:id/objects')
  objects(@Param('id') id: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.read(req, res, id, 'objects', async (partnerId, query) => {
      const page = await this.collections.page(partnerId, query);
      this.logger.info(
        { event: 'taxii.objects', partnerId, objects: page.records.length, more: page.more },
        `TAXII: ${page.records.length} objects for ${partnerId}`,
      );
      return {
        headers: dateHeaders(page),
        body: envelope(
          page,
          'objects',
          page.records.map((r) => r.object),
        ),
      };
    });
  }

  @Get('api/collections/:id/manifest')
  manifest(@Param('id') id: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.read(req, res, id, 'manifest', async (partnerId, query) => {
      const page = await this.collections.page(partnerId, query);
      const records = page.records.map(({ object, dateAdded, version }) => ({
        id: object.id,
        date_added: dateAdded,
        version,
        media_type: STIX_MEDIA_TYPE,
      }));
      return { headers: dateHeaders(page), body: envelope(page, 'objects', records) };
    });
  }

  @Get('api/collections/:id/objects/:objectId')
  object(
    @Param('id') id: string,
    @Param('objectId') objectId: string,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    return this.read(req, res, id, 'object', async (partnerId, query) => {
      const page = await this.collections.page(partnerId, { ...query, ids: new Set([objectId]) });
      if (page.records.length === 0 && !page.more) await this.mustExist(partnerId, objectId);
      return {
        headers: dateHeaders(page),
        body: envelope(
          page,
          'objects',
          page.records.map((r) => r.object),
        ),
      };
    });
  }

  @Get('api/collections/:id/objects/:objectId/versions')
  versions(
    @Param('id') id: string,
    @Param('objectId') objectId: string,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    return this.read(req, res, id, 'versions', async (partnerId, query) => {
      const all = { all: true, first: false, last: false, timestamps: new Set<string>() };
      const page = await this.collections.page(partnerId, { ...query, ids: new Set([objectId]), versions: all });
      if (page.records.length === 0 && !page.more) await this.mustExist(partnerId, objectId);
      return {
        headers: dateHeaders(page),
        body: envelope(
          page,
          'versions',
          page.records.map((r) => r.version),
        ),
      };
    });
  }

  /** §5.7: DELETE needs can_read and can_write; no collection here has both, so the table's 403 applies. */
  @Delete('api/collections/:id/objects/:objectId')
  remove(@Param('id') id: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async (account) => {
      const info = this.collections.describe(await this.collections.resolve(account, id));
      throw new TaxiiRequestError(
        403,
        'Forbidden',
        `objects cannot be deleted from ${info.id} (can_read ${info.can_read}, can_write ${info.can_write})`,
      );
    });
  }

  /** A read endpoint of a collection the account may read (the inbox is write-only: 403, §5.3/§5.4). */
  private read(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    endpoint: TaxiiEndpoint,
    work: (partnerId: string, query: ReturnType<typeof parseTaxiiQuery>) => Promise<TaxiiAnswer>,
  ): Promise<void> {
    return this.responder.answer(req, res, async (account: TaxiiAccount) => {
      const collection: TaxiiCollection = await this.collections.resolve(account, id);
      if (collection.kind !== 'PARTNER_FEED')
        throw new TaxiiRequestError(
          403,
          'Forbidden',
          `${account.username} may not read collection ${id} (can_read false)`,
        );
      return work(collection.partnerId as string, parseTaxiiQuery(rawQuery(req), endpoint));
    });
  }

  /** An object the collection does not hold at all is a 404 (§5.6, §5.8). */
  private async mustExist(partnerId: string, objectId: string): Promise<void> {
    const any = { all: true, first: false, last: false, timestamps: new Set<string>() };
    const held = await this.collections.page(partnerId, { limit: 1, ids: new Set([objectId]), versions: any });
    if (held.records.length === 0 && !held.more)
      throw new TaxiiRequestError(404, 'Object not found', `the collection holds no object ${objectId}`);
  }
}
