import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from './metrics.service.js';

/**
 * Times every GraphQL request into `fednode_graphql_request_duration_seconds`. Labels stay few and
 * fixed (operation type, ok/error): operation names come from clients and would grow without bound.
 */
export function graphqlMetricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    requestDidStart: async () => {
      const end = metrics.graphqlDuration.startTimer();
      let operationType = 'unknown';
      return {
        didResolveOperation: async ({ operation }) => {
          operationType = operation?.operation ?? 'unknown';
        },
        willSendResponse: async ({ response }) => {
          const failed = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) > 0 : false;
          end({ operation_type: operationType, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
}
