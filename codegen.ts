import type { CodegenConfig } from '@graphql-codegen/cli';

// The console's view of the API is generated from schema.graphql (itself generated from the resolvers):
// `npm run schema` writes both; npm test fails when either is out of date (test/e2e/graphql-api.e2e-spec.ts
// for schema.graphql, console/src/api/schema-generated.test.ts for the console's types).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'console/src/api/schema.generated.ts': {
      plugins: [
        { add: { content: '// Generated from schema.graphql by `npm run schema` (graphql-codegen): do not edit.' } },
        'typescript',
      ],
      config: {
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        maybeValue: 'T | null',
        skipTypename: true,
      },
    },
  },
};
export default config;
