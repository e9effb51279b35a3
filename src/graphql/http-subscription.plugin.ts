import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** A subscription posted over HTTP ran as a query and failed as INTERNAL; it is the client's mistake. */
export function subscriptionsOverSocketOnlyPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation }) => {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError('Subscriptions are served over graphql-ws (a WebSocket on /graphql), not over HTTP', {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
      },
    }),
  };
}
