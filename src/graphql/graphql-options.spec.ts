import { buildSchema, parse, specifiedRules, validate, type ValidationRule } from 'graphql';
import pino from 'pino';
import { validateNodeConfig } from '../config/node-config.loader.js';
import { graphqlOptions } from './graphql-options.js';

const schema = buildSchema(`type Query { node: Node }  type Node { id: ID, child: Node }`);

function nested(depth: number): string {
  return `{ node ${'{ child '.repeat(depth - 1)}{ id }${' }'.repeat(depth - 1)} }`;
}

describe('graphqlOptions', () => {
  const config = validateNodeConfig(
    {
      id: 'kr-knpa',
      name: 'test',
      country: 'KR',
      listen: { port: 4000 },
      federation: { port: 4100 },
      database: { embeddedPort: 5433 },
      graphql: { maxDepth: 4, maxComplexity: 100 },
    },
    'test',
  );
  const rules = graphqlOptions(config, pino({ level: 'silent' })).validationRules as ValidationRule[];

  it('accepts an operation at the depth limit', () => {
    expect(validate(schema, parse(nested(4)), rules)).toEqual([]);
  });

  it('refuses an operation nested deeper than graphql.maxDepth, even through fragments', () => {
    expect(validate(schema, parse(nested(6)), rules).map((e) => e.message)).toEqual([
      expect.stringMatching(/exceeds maximum operation depth of 4/),
    ]);
    const viaFragment = `query Q { node { ...F } } fragment F on Node { child { child { child { child { child { id } } } } } }`;
    expect(validate(schema, parse(viaFragment), rules)).toHaveLength(1);
  });

  it('refuses a fragment cycle as a validation error instead of overflowing the stack', () => {
    const cycle = 'query { node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }';
    expect(validate(schema, parse(cycle), [...specifiedRules, ...rules]).map((e) => e.message)).toEqual([
      expect.stringMatching(/Cannot spread fragment "A" within itself/),
    ]);
  });
});
