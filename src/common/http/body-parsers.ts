import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** A route whose handler reads the request body itself, as a stream. */
export interface RawBodyRoute {
  method: string;
  /** Matched against the path without the query string. */
  path: RegExp;
}

function mediaTypeOf(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Nest's default JSON and urlencoded parsers (same types; JSON up to 4 MB), except on raw-body routes:
 * an evidence file that happens to be JSON must reach the upload handler as an unread stream, not
 * be parsed (or refused above 100 kB) by the JSON parser. Create the app with `bodyParser: false`.
 */
export function registerBodyParsers(app: NestExpressApplication, rawBodyRoutes: readonly RawBodyRoute[]): void {
  // Express routes ignore case (`POST /CASES/1/ATTACHMENTS` reaches the upload handler), so the
  // exemption must too: a JSON parser reading the body first left the handler an empty stream.
  const routes = rawBodyRoutes.map((route) => ({
    method: route.method.toUpperCase(),
    path: route.path.flags.includes('i') ? route.path : new RegExp(route.path.source, `${route.path.flags}i`),
  }));
  const isRaw = (request: IncomingMessage): boolean => {
    const path = (request.url ?? '').split('?')[0];
    return routes.some((route) => route.method === request.method?.toUpperCase() && route.path.test(path));
  };
  // 4 MB rather than 100 kB: a screening batch of 10,000 identifiers is about 1 MB of JSON.
  app.useBodyParser('json', {
    limit: '4mb',
    type: (request: IncomingMessage) => !isRaw(request) && mediaTypeOf(request) === 'application/json',
  });
  app.useBodyParser('urlencoded', {
    extended: true,
    type: (request: IncomingMessage) => !isRaw(request) && mediaTypeOf(request) === 'application/x-www-form-urlencoded',
  });
}
