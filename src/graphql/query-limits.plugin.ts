import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, separateOperations, type DocumentNode, type GraphQLSchema } from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import { WORK_ITEMS } from '../common/graphql/work-items.js';

export interface QueryLimits {
  /** Fields selected, every alias counted: the shape of the answer. */
  maxComplexity: number;
  /** Items asked for: list arguments' lengths and `first` sizes, through nested lists, over every alias. */
  maxListItems: number;
}

/** The argument of one field that asks for the most items, to name it when the whole is refused. */
interface LargestArgument {
  name: string;
  size: number;
}

/** How many items a field asks for: its declared work, or its list arguments and `first`; undefined for none. */
function itemsOf(
  extensions: Record<string, unknown> | undefined,
  args: Record<string, unknown>,
  largest: { argument?: LargestArgument },
): number | undefined {
  const declared = extensions?.[WORK_ITEMS];
  if (typeof declared === 'number') return declared;
  let items: number | undefined;
  for (const [name, value] of Object.entries(args)) {
    const size = Array.isArray(value)
      ? value.length
      : name === 'first' && typeof value === 'number'
        ? value
        : undefined;
    if (size === undefined) continue;
    items = Math.max(items ?? 0, size);
    if (size > (largest.argument?.size ?? -1)) largest.argument = { name, size };
  }
  return items;
}

/** A list of n items costs n times what is asked of each item (at least one), so nested lists multiply. */
function listItemsEstimator(largest: { argument?: LargestArgument }): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const items = itemsOf(field.extensions as Record<string, unknown> | undefined, args, largest);
    return items === undefined ? childComplexity : Math.max(0, items) * Math.max(1, childComplexity);
  };
}

/** The items an operation asks for (what `graphql.maxListItems` bounds), and the argument asking the most. */
export function listItemsOf(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown>,
): { items: number; largest?: LargestArgument } {
  const largest: { argument?: LargestArgument } = {};
  const items = measure(schema, query, variables, [listItemsEstimator(largest)]);
  return { items, largest: largest.argument };
}

function refuse(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}), http: { status: 400 } },
  });
}

function measure(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown>,
  estimators: ComplexityEstimator[],
): number {
  try {
    return getComplexity({ schema, query, variables, estimators });
  } catch (error) {
    // Estimating needs the variables; ones that do not fit their declared types are the client's error.
    throw refuse(error instanceof Error ? error.message : 'Invalid variables');
  }
}

/**
 * Refuses, before any resolver runs, an operation whose answer is too large (fields, aliases
 * included) or whose work is: 300 aliases of `screen` over one 10,000-identifier variable ask for
 * 3,000,000 items, where one call may ask for 10,000. So one request never does more than the cap
 * of one call, however it is split into aliases or nested lists.
 */
export function queryComplexityPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request, document, schema }) => {
        const query =
          (request.operationName ? separateOperations(document)[request.operationName] : document) ?? document;
        const variables = request.variables ?? {};
        const { items, largest } = listItemsOf(schema, query, variables);
        if (items > limits.maxListItems) {
          throw refuse(
            `Query asks for too much work: ${items} items, the limit is ${limits.maxListItems} per request ` +
              '(list arguments and `first` sizes count, multiplied through nested lists, in every alias)',
            largest?.name,
          );
        }
        const complexity = measure(schema, query, variables, [
          fieldExtensionsEstimator(),
          simpleEstimator({ defaultComplexity: 1 }),
        ]);
        if (complexity > limits.maxComplexity) {
          throw refuse(`Query is too complex: ${complexity} points, the limit is ${limits.maxComplexity}`);
        }
      },
    }),
  };
}
