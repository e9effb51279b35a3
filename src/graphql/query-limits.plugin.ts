import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, separateOperations } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Refuses operations whose estimated cost exceeds the limit, before any resolver runs. */
export function queryComplexityPlugin(maxComplexity: number): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request, document, schema }) => {
        const query = request.operationName ? separateOperations(document)[request.operationName] : document;
        let complexity: number;
        try {
          complexity = getComplexity({
            schema,
            query: query ?? document,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
        } catch (error) {
          // Estimating needs the variables; ones that do not fit their declared types are the client's error.
          throw new GraphQLError(error instanceof Error ? error.message : 'Invalid variables', {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
        if (complexity > maxComplexity) {
          throw new GraphQLError(`Query is too complex: ${complexity} points, the limit is ${maxComplexity}`, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
      },
    }),
  };
}
