import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { ExecutionResult, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { createGraphqlErrorFormatter } from '../common/errors/graphql-error.formatter.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { depthLimitRule } from './depth-limit.rule.js';
import { subscriptionsOverSocketOnlyPlugin } from './http-subscription.plugin.js';
import { queryComplexityPlugin } from './query-limits.plugin.js';
import { socketAuthHooks, type SocketAuthenticator } from './socket-auth.js';

/**
 * Code-first schema built in memory; `npm run schema` writes it to schema.graphql, and a test checks they match.
 * With `socketAuth`, subscriptions are served over graphql-ws on the same path, authenticated at connect.
 */
export function graphqlOptions(
  config: NodeConfig,
  logger: Logger,
  socketAuth?: SocketAuthenticator,
  extraPlugins: ApolloServerPlugin[] = [],
): Omit<ApolloDriverConfig, 'driver'> {
  const production = config.mode === 'production';
  const formatError = createGraphqlErrorFormatter(logger, { hideSuggestions: production });
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: !production,
    // Validation errors would otherwise guess field names back ("Did you mean …?") to anyone, token or not.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimitRule(config.graphql.maxDepth)],
    // No HTTP cache hints (every operation is an authenticated POST); Apollo's default cache-control
    // plugin would otherwise hook every resolved field, which is most of the cost of a large screening batch.
    plugins: [
      subscriptionsOverSocketOnlyPlugin(),
      queryComplexityPlugin(config.graphql),
      ApolloServerPluginCacheControlDisabled(),
      ...extraPlugins,
    ],
    formatError,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    ...(socketAuth
      ? { subscriptions: { 'graphql-ws': { ...socketAuthHooks(socketAuth), ...socketErrorFormatting(formatError) } } }
      : {}),
  };
}

/**
 * Apollo's formatError does not reach graphql-ws: without this hook a refused subscription had no
 * `extensions.code` and an unexpected error would have shown its raw message.
 */
function socketErrorFormatting(formatError: (formatted: GraphQLFormattedError, raw: unknown) => GraphQLFormattedError) {
  return {
    onNext: (
      _ctx: unknown,
      _id: string,
      _payload: unknown,
      _args: unknown,
      result: ExecutionResult,
    ): FormattedExecutionResult | undefined =>
      result.errors
        ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
        : undefined,
  };
}
