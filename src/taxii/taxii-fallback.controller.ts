import type { IncomingMessage, ServerResponse } from 'node:http';
import { All, Controller, Req, Res } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators.js';
import { TaxiiRequestError } from './taxii-paging.js';
import { TaxiiResponder } from './taxii-responder.js';

/** The TAXII 2.1 endpoints (§3.1) and their methods, to tell a wrong method (405) from no such route (404). */
const ROUTES: { path: RegExp; methods: string[] }[] = [
  { path: /^\/taxii2\/?$/, methods: ['GET'] },
  { path: /^\/taxii2\/api\/?$/, methods: ['GET'] },
  { path: /^\/taxii2\/api\/status\/[^/]+\/?$/, methods: ['GET'] },
  { path: /^\/taxii2\/api\/collections\/?$/, methods: ['GET'] },
  { path: /^\/taxii2\/api\/collections\/[^/]+\/?$/, methods: ['GET'] },
  { path: /^\/taxii2\/api\/collections\/[^/]+\/manifest\/?$/, methods: ['GET'] },
  { path: /^\/taxii2\/api\/collections\/[^/]+\/objects\/?$/, methods: ['GET', 'POST'] },
  { path: /^\/taxii2\/api\/collections\/[^/]+\/objects\/[^/]+\/?$/, methods: ['GET', 'DELETE'] },
  { path: /^\/taxii2\/api\/collections\/[^/]+\/objects\/[^/]+\/versions\/?$/, methods: ['GET'] },
];

/**
 * Everything under /taxii2/ no other route took: a TAXII error message like every other answer there
 * (a plain JSON 404 confuses TAXII clients). Registered last in the module, so it only catches the rest.
 */
@Controller('taxii2')
@Public()
export class TaxiiFallbackController {
  constructor(private readonly responder: TaxiiResponder) {}

  @All()
  root(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.rest(req, res);
  }

  @All('*path')
  rest(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.responder.answer(req, res, async () => {
      const path = (req.url ?? '').split('?')[0];
      const route = ROUTES.find((candidate) => candidate.path.test(path));
      if (route)
        throw new TaxiiRequestError(405, 'Method not allowed', `${req.method} is not defined for ${path}`, {
          Allow: route.methods.join(', '),
        });
      throw new TaxiiRequestError(404, 'Not found', `no TAXII 2.1 endpoint ${path} on this server`);
    });
  }
}
