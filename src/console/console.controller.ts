import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators.js';
import { CONSOLE_CONTENT_SECURITY_POLICY, ConsoleAssets } from './console-assets.js';

export const CONSOLE_ASSETS = Symbol('CONSOLE_ASSETS');

/**
 * Serves the officers' web console at /console (same origin as /graphql). The files are public like
 * any login page: everything they show comes from the API, which checks the token on every call.
 */
@Controller('console')
export class ConsoleController {
  constructor(@Inject(CONSOLE_ASSETS) private readonly assets: ConsoleAssets) {}

  @Get()
  @Public()
  root(@Req() request: IncomingMessage, @Res() response: ServerResponse): void {
    this.file(request, response);
  }

  @Get('*path')
  @Public()
  file(@Req() request: IncomingMessage, @Res() response: ServerResponse): void {
    const pathname = (request.url ?? '').split('?')[0];
    if (pathname === '/console') {
      // Relative asset URLs in the page resolve against /console/, so the page lives there.
      response.statusCode = 308;
      response.setHeader('Location', '/console/');
      response.end();
      return;
    }
    if (!this.assets.built) {
      throw new NotFoundException('The console has not been built on this node: run npm run build, then restart it');
    }
    const relative = decodeURIComponent(pathname.replace(/^\/console\//, ''));
    const asset = this.assets.find(relative);
    if (!asset) throw new NotFoundException(`No console file "${relative}"`);

    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    response.setHeader('ETag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) {
      response.statusCode = 304;
      response.end();
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Length', asset.body.length);
    response.end(asset.body);
  }
}

/** `GET /`: a browser pointed at the node lands on the console rather than on a JSON 404. */
@Controller()
export class NodeRootController {
  @Get()
  @Public()
  root(@Res() response: ServerResponse): void {
    response.statusCode = 302;
    response.setHeader('Location', '/console/');
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.end("The officers' console is at /console/; the API at /graphql.\n");
  }
}
