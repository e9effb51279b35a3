import {
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { WORK_ITEMS } from '../common/graphql/work-items.js';
import { listItemsOf } from './query-limits.plugin.js';

const Item: GraphQLObjectType = new GraphQLObjectType({
  name: 'Item',
  fields: () => ({
    id: { type: GraphQLString },
    children: { type: new GraphQLList(Item), args: { first: { type: GraphQLInt } } },
  }),
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      screen: {
        type: new GraphQLList(Item),
        args: { ids: { type: new GraphQLNonNull(new GraphQLList(GraphQLString)) } },
      },
      items: { type: new GraphQLList(Item), args: { first: { type: GraphQLInt, defaultValue: 50 } } },
      graph: { type: Item, extensions: { [WORK_ITEMS]: 500 } },
      me: { type: GraphQLString },
    },
  }),
});

const items = (query: string, variables: Record<string, unknown> = {}) =>
  listItemsOf(schema, parse(query), variables).items;

describe('listItemsOf (graphql.maxListItems)', () => {
  it('counts a list argument by its length, from a variable too', () => {
    expect(items('query ($ids: [String]!) { screen(ids: $ids) { id } }', { ids: Array(10_000).fill('x') })).toBe(
      10_000,
    );
    expect(items('{ screen(ids: ["a", "b", "c"]) { id } }')).toBe(3);
  });

  it('sums over aliases: 300 aliases of one 10,000-item variable ask for 3,000,000', () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `s${i}: screen(ids: $ids) { id }`).join(' ');
    expect(items(`query ($ids: [String]!) { ${aliases} }`, { ids: Array(10_000).fill('x') })).toBe(3_000_000);
  });

  it('counts `first` (its default too) and multiplies through nested lists', () => {
    expect(items('{ items { id } }')).toBe(50);
    expect(items('{ items(first: 100) { children(first: 100) { id } } }')).toBe(10_000);
    expect(items('{ items(first: 10) { children(first: 10) { children(first: 10) { id } } } }')).toBe(1_000);
  });

  it('counts a declared cap for work no argument shows, and nothing for plain fields', () => {
    expect(items('{ a: graph { id } b: graph { id } me }')).toBe(1_000);
    expect(items('{ me }')).toBe(0);
  });
});

describe('the refusal names what asked for too much', () => {
  it('names the largest list argument', () => {
    const query = parse('query ($ids: [String]!) { screen(ids: $ids) { children(first: 2) { id } } }');
    expect(listItemsOf(schema, query, { ids: Array(10_001).fill('x') }).largest).toEqual({ name: 'ids', size: 10_001 });
  });
});
