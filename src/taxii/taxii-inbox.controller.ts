import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators.js';
import { closeAfterResponse } from '../common/http/lingering-close.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { TaxiiCollectionService } from './taxii-collection.service.js';
import { TaxiiInboxService } from './taxii-inbox.service.js';
import { TaxiiRequestError } from './taxii-paging.js';
import { TaxiiResponder } from './taxii-responder.js';

/** Content types Add Objects takes (§5.5): the TAXII media type, of version 2.1 or none. */
function acceptedContentType(header: string | undefined): boolean {
  const [type, ...params] = (header ?? '')
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  if (type !== 'application/taxii+json') return false;
  const version = params.find((p) => p.startsWith('version='));
  return version === undefined || version === 'version=2.1';
}

/** The request body, at most `max` octets (413 beyond: max_content_length, §4.2.1), as JSON (422 if not). */
function readEnvelope(req: IncomingMessage, res: ServerResponse, max: number): Promise<unknown> {
  const tooLarge = () => new TaxiiRequestError(413, 'Too large', `the body exceeds max_content_length (${max} octets)`);
  if (Number(req.headers['content-length'] ?? 0) > max) {
    closeAfterResponse(req, res);
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeListener('data', onData);
        closeAfterResponse(req, res);
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', () => reject(new TaxiiRequestError(400, 'Bad request', 'the request body was cut off')));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new TaxiiRequestError(422, 'Unprocessable envelope', 'the body is not JSON'));
      }
    });
  });
}

/**
 * TAXII 2.1 write side: Add Objects (§5.5) into the inbox, for the agency's own tools only, and Get
 * Status (§4.3). The status id in the URL may come without its trailing slash: taxii2-client builds
 * it so after an Add Objects.
 */
@Controller('taxii2/api')
@Public()
export class TaxiiInboxController {
  constructor(
    private readonly responder: TaxiiResponder,
    private readonly collections: TaxiiCollectionService,
    private readonly inbox: TaxiiInboxService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Post('collections/:id/objects')
  add(@Param('id') id: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async (account) => {
      const collection = await this.collections.resolve(account, id);
      if (collection.kind !== 'INBOX')
        throw new TaxiiRequestError(
          403,
          'Forbidden',
          `${account.username} may not add objects to ${id} (can_write false)`,
        );
      if (!acceptedContentType(req.headers['content-type']))
        throw new TaxiiRequestError(415, 'Unsupported media type', 'send application/taxii+json;version=2.1');
      const envelope = await readEnvelope(req, res, this.config.taxii.maxContentLength);
      return { status: 202, body: await this.inbox.add(account, collection, envelope) };
    });
  }

  @Get('status/:statusId')
  status(@Param('statusId') statusId: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async (account) => ({ body: await this.inbox.status(account, statusId) }));
  }
}
