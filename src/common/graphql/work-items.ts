/**
 * Field extension (`@Extensions({ [WORK_ITEMS]: n })`) for an operation whose work is bounded by its
 * own cap rather than by a list argument (a graph walk of at most 500 nodes): the query limits count
 * it as n items, like a list of n (see src/graphql/query-limits.plugin.ts).
 */
export const WORK_ITEMS = 'workItems';
