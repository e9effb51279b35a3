import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule, type NodeRuntimeDeps } from './app.module.js';
import { ATTACHMENT_UPLOAD_ROUTE } from './cases/case-attachment.controller.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { registerBodyParsers } from './common/http/body-parsers.js';
import { guardSlowClients } from './common/http/slow-client-guard.js';
import { loadNodeIdentity } from './identity/node-identity.loader.js';
import type { NodeConfig } from './config/node-config.schema.js';
import type { RunningDatabase } from './database/embedded-postgres.js';
import { openNodeDatabase } from './database/node-database.js';
import { PinoNestLogger } from './logging/pino-nest.logger.js';
import { requestLoggingMiddleware } from './logging/request-logging.middleware.js';

export interface RunningNode {
  app: INestApplication;
  /** Base URL of the officers' API, e.g. http://127.0.0.1:4000 */
  url: string;
  database: RunningDatabase;
  stop(): Promise<void>;
}

/** Creates the Nest application on a database that is already up (tests use this directly). */
export async function createNodeApp(deps: NodeRuntimeDeps): Promise<NestExpressApplication> {
  const { logger } = deps;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
    bodyParser: false, // registered below, minus the routes that stream their body
  });
  app.use(requestLoggingMiddleware(logger));
  registerBodyParsers(app, [ATTACHMENT_UPLOAD_ROUTE]);
  // HTTP controllers only: the filter re-throws GraphQL errors to the GraphQL formatter.
  app.useGlobalFilters(new HttpErrorFilter(logger.child({ component: 'http' })));
  // Express announces itself in X-Powered-By: a free hint for an attacker, of no use to officers.
  app.disable('x-powered-by');
  // Behind a balancer every request comes from it: trusting its X-Forwarded-For (and only its) gives each
  // officer's own address to the login limits, so one attacker does not lock out everyone.
  if (deps.config.listen.trustedProxies.length > 0) app.set('trust proxy', deps.config.listen.trustedProxies);
  // Node's 5 s idle keep-alive races clients that reuse a connection just as it closes (ECONNRESET on
  // a busy machine); 65 s is longer than common proxies' idle timeouts, so they close first.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  const { listen } = deps.config;
  guardSlowClients(
    server,
    {
      headersTimeoutMs: listen.headersTimeoutSeconds * 1000,
      requestTimeoutMs: listen.requestTimeoutSeconds * 1000,
      minBodyBytesPerSecond: listen.minBodyBytesPerSecond,
      maxConnections: listen.maxConnections,
      upgradePath: '/graphql',
    },
    logger.child({ component: 'http' }),
  );
  return app;
}

/** Starts the database (embedded unless DATABASE_URL is set), runs migrations and serves the API. */
export async function startNode(config: NodeConfig, logger: Logger): Promise<RunningNode> {
  const identity = await loadNodeIdentity(config, logger.child({ component: 'identity' }));
  const pgLogger = logger.child({ component: 'postgres' });
  const database = await openNodeDatabase(config, (line) => pgLogger.debug(line));
  let app: NestExpressApplication | undefined;
  try {
    app = await createNodeApp({ config, databaseUrl: database.url, logger, identity });
    await app.listen(config.listen.port, config.listen.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw portTakenError(error, config) ?? error;
  }
  const started = app;
  const url = `http://${config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host}:${config.listen.port}`;
  return {
    app: started,
    url,
    database,
    stop: async () => {
      await started.close();
      await database.stop();
    },
  };
}

/** A port already in use, said in the user's terms: which setting, and how to change it. */
function portTakenError(error: unknown, config: NodeConfig): Error | undefined {
  const failure = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (failure?.code !== 'EADDRINUSE') return undefined;
  const federation = failure.port === config.federation.port && failure.port !== config.listen.port;
  const [what, key, variable] = federation
    ? ['the federation endpoint', 'federation.port', 'FEDERATION_PORT']
    : ["the officers' API", 'listen.port', 'PORT'];
  return new Error(
    `${what} cannot listen on ${failure.address ?? ''}:${failure.port}: another program already uses that port ` +
      `(another node, or a node of another checkout). Give this node another port with ${variable}=<port> ` +
      `(or ${key} in ${config.source}).`,
  );
}
