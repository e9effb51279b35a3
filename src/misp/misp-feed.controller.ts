import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Logger } from 'pino';
import { Public } from '../common/auth/auth.decorators.js';
import { LOGGER } from '../config/config.module.js';
import { TaxiiAccountService } from '../taxii/taxii-account.service.js';
import { arrivedOnTaxiiListener } from '../taxii/taxii-listener.js';
import { TaxiiRequestError } from '../taxii/taxii-paging.js';
import { MispService } from './misp.service.js';

const EVENT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;

/**
 * A MISP feed per partner (MISP: Sync actions → Feeds, input source "Network", format "MISP Feed",
 * URL https://<taxii listener>/misp/feed, header "Authorization: Basic <the partner's TAXII
 * credentials>"): manifest.json, then one <event uuid>.json per case released to that partner. On
 * the TAXII listener only, like the credentials it takes.
 */
@Controller('misp/feed')
@Public()
export class MispFeedController {
  constructor(
    private readonly accounts: TaxiiAccountService,
    private readonly misp: MispService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':file')
  file(@Param('file') file: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.answer(req, res, async (partnerId) => {
      if (file === 'manifest.json') return this.misp.manifest(partnerId);
      const uuid = EVENT_FILE.exec(file)?.[1];
      const event = uuid ? (await this.misp.feed(partnerId)).get(uuid) : undefined;
      if (!event) throw new TaxiiRequestError(404, 'Not found', `no ${file} in this feed`);
      return { Event: event };
    });
  }

  private async answer(
    req: IncomingMessage,
    res: ServerResponse,
    work: (partnerId: string) => Promise<object>,
  ): Promise<void> {
    let status = 200;
    let body: object;
    try {
      if (!arrivedOnTaxiiListener(req))
        throw new TaxiiRequestError(404, 'Not found', 'the MISP feed is served on the TAXII listener only');
      const account = await this.accounts.authenticate(req.headers.authorization);
      if (account.kind !== 'PARTNER')
        throw new TaxiiRequestError(403, 'Forbidden', `${account.username} is not a partner account`);
      body = await work(account.username);
      this.logger.info({ event: 'misp.feed', partnerId: account.username, path: req.url }, 'MISP feed read');
    } catch (error) {
      if (!(error instanceof TaxiiRequestError)) throw error;
      status = error.status;
      body = { error: error.message };
      if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="fed-node MISP feed", charset="UTF-8"');
    }
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(body));
  }
}
