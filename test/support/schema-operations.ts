import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

export type OperationKind = 'Query' | 'Mutation' | 'Subscription';

/** One root field of the checked-in schema, e.g. `Mutation.approveShare`. */
export interface SchemaOperation {
  kind: OperationKind;
  field: string;
  /** `Query.cases`, the key of the authorisation table. */
  name: string;
  definition: GraphQLField<unknown, unknown>;
}

/** Chooses the value of one leaf (scalar or enum) of an argument; `path` names it, e.g. `input.identifiers.0.value`. */
export type LeafValue = (typeName: string, path: string, enumValues: string[]) => unknown;

export function loadSchema(file = 'schema.graphql'): GraphQLSchema {
  return buildSchema(readFileSync(file, 'utf8'));
}

/** Every query, mutation and subscription field, in schema order. */
export function schemaOperations(schema: GraphQLSchema): SchemaOperation[] {
  const roots: [OperationKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type
      ? Object.values(type.getFields()).map((definition) => ({
          kind,
          field: definition.name,
          name: `${kind}.${definition.name}`,
          definition,
        }))
      : [],
  );
}

/** A placeholder of the right type: well-formed, but naming nothing that exists. */
export const PLACEHOLDER: LeafValue = (typeName, _path, enumValues) => {
  switch (typeName) {
    case 'ID':
      return '00000000-0000-4000-8000-000000000000';
    case 'String':
      return 'placeholder';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return new Date(Date.now() + 30 * 86_400_000).toISOString();
    case 'JSON':
      return {};
    default:
      if (enumValues.length) return enumValues[0];
      throw new Error(`no placeholder for the scalar ${typeName}: add one in test/support/schema-operations.ts`);
  }
};

/**
 * A value for an argument type: required fields only (non-null without a default), one element per list,
 * leaves from `leaf`. With `allFields`, optional input fields are filled too (more strings to attack).
 */
export function valueFor(type: GraphQLInputType, path: string, leaf: LeafValue, allFields = false): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [valueFor(nullable.ofType, `${path}.0`, leaf, allFields)];
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || allFields) value[field.name] = valueFor(field.type, `${path}.${field.name}`, leaf, allFields);
    }
    return value;
  }
  if (isLeafType(nullable))
    return leaf(nullable.name, path, isEnumType(nullable) ? nullable.getValues().map((v) => v.value as string) : []);
  throw new Error(`unexpected input type ${String(type)} at ${path}`);
}

export interface BuiltOperation {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A minimal valid document for one root field: required arguments (all with `allArgs`) passed as
 * variables of their declared types, and `__typename` selected when the field returns an object.
 */
export function buildOperation(
  operation: SchemaOperation,
  leaf: LeafValue = PLACEHOLDER,
  options: { allArgs?: boolean } = {},
): BuiltOperation {
  const args = operation.definition.args.filter(
    (arg) => options.allArgs || (isNonNullType(arg.type) && arg.defaultValue === undefined),
  );
  const variables: Record<string, unknown> = {};
  for (const arg of args) variables[arg.name] = valueFor(arg.type, arg.name, leaf, options.allArgs);
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(operation.definition.type)) ? '' : ' { __typename }';
  const keyword = operation.kind.toLowerCase();
  const query = `${keyword} Probe${declarations ? `(${declarations})` : ''} { ${operation.field}${passed ? `(${passed})` : ''}${selection} }`;
  return { query, variables };
}
