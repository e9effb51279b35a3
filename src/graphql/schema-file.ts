import { GraphQLSchema, printSchema } from 'graphql';

const HEADER = `# The officers' GraphQL API of the federation node.
# Generated from the code-first resolvers by \`npm run schema\`; do not edit by hand.
# A test fails when this file and the schema the node serves differ.
`;

export function renderSchemaFile(schema: GraphQLSchema): string {
  return `${HEADER}\n${printSchema(schema)}\n`;
}
