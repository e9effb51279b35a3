import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import depthLimit from 'graphql-depth-limit';
import type { Logger } from 'pino';
import { createGraphqlErrorFormatter } from '../common/errors/graphql-error.formatter.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { queryComplexityPlugin } from './query-limits.plugin.js';
import { socketAuthHooks, type SocketAuthenticator } from './socket-auth.js';

/**
 * Code-first schema built in memory; `npm run schema` writes it to schema.graphql, and a test checks they match.
 * With `socketAuth`, subscriptions are served over graphql-ws on the same path, authenticated at connect.
 */
export function graphqlOptions(config: NodeConfig, logger: Logger, socketAuth?: SocketAuthenticator): Omit<ApolloDriverConfig, 'driver'> {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: config.mode !== 'production',
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(config.graphql.maxDepth)],
    // No HTTP cache hints (every operation is an authenticated POST); Apollo's default cache-control
    // plugin would otherwise hook every resolved field, which is most of the cost of a large screening batch.
    plugins: [queryComplexityPlugin(config.graphql.maxComplexity), ApolloServerPluginCacheControlDisabled()],
    formatError: createGraphqlErrorFormatter(logger),
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    ...(socketAuth ? { subscriptions: { 'graphql-ws': socketAuthHooks(socketAuth) } } : {}),
  };
}
