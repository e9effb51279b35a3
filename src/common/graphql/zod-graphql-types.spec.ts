import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  Args,
  GraphQLSchemaBuilderModule,
  GraphQLSchemaFactory,
  InputType,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from '@nestjs/graphql';
import { lexicographicSortSchema, printType, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { enumOf } from './vocabulary.enums.js';
import { ZodGraphqlTypes, zodInputFromGraphql } from './zod-graphql-types.js';

// A small model shaped like the case model: scalars, an enum, a literal grade, optional fields, lists
// with defaults, list items with node-assigned ids, a nested list and a read-only part.
const COLOURS = ['RED', 'GREEN'] as const;
const ColourEnum = enumOf(COLOURS);
registerEnumType(ColourEnum, { name: 'Colour' });

const partSchema = z.strictObject({
  id: z.string(),
  label: z.string().describe('What the part is called.'),
  weight: z.number().optional(),
  tags: z.array(z.string()).default([]),
  gauges: z.array(z.strictObject({ at: z.iso.datetime(), reading: z.number().int() })).default([]),
});
const modelSchema = z
  .strictObject({
    name: z.string().min(1),
    note: z.string().optional(),
    colour: z.enum(COLOURS),
    grade: z.literal([1, 2, 3]),
    parts: z.array(partSchema).default([]),
    photos: z.array(z.strictObject({ id: z.string(), bytes: z.number().int() })).default([]),
  })
  .superRefine(() => {});

// The copy with new fields, as a developer would add them to the model: nothing else changes.
const extendedSchema = modelSchema.safeExtend({
  checkedOn: z.iso.date().describe('When it was last checked.').optional(),
  history: z.array(z.enum(COLOURS)).default([]),
  parts: z.array(partSchema.extend({ serial: z.number().int().optional() })).default([]),
});

const types = new ZodGraphqlTypes({
  enums: [ColourEnum],
  objects: {
    parts: { object: 'Part', input: 'PartInput', description: 'A part of the thing.' },
    'parts.gauges': { object: 'Gauge', input: 'GaugeInput' },
    photos: { object: 'Photo' },
  },
  listItemId: 'id',
});

@InputType('ThingInput')
class ThingInput extends types.inputFields('ThingInput', extendedSchema, {
  omit: ['photos'],
  descriptions: { grade: 'Grade 1-3.' },
}) {}

@ObjectType('Thing')
class Thing extends types.objectFields('Thing', extendedSchema) {}

@Resolver()
class ThingResolver {
  @Query(() => Thing)
  thing(): Thing {
    return new Thing();
  }

  @Mutation(() => Thing)
  saveThing(@Args('input') input: ThingInput): Thing {
    return Object.assign(new Thing(), input);
  }
}

let schema: GraphQLSchema;

beforeAll(async () => {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  // Sorted, as the node's schema is.
  schema = lexicographicSortSchema(await app.get(GraphQLSchemaFactory).create([ThingResolver]));
  await app.close();
});

function printed(name: string): string {
  const type = schema.getType(name);
  if (!type) throw new Error(`no type ${name} in the schema`);
  return printType(type);
}

describe('ZodGraphqlTypes', () => {
  it('puts a field added to the model into the input type, nullable when it may be left out', () => {
    expect(printed('ThingInput')).toBe(`input ThingInput {
  """When it was last checked."""
  checkedOn: String
  colour: Colour!

  """Grade 1-3."""
  grade: Int!
  history: [Colour!]
  name: String!
  note: String
  parts: [PartInput!]
}`);
  });

  it('puts it into the object type, nullable only when it may be absent', () => {
    expect(printed('Thing')).toBe(`type Thing {
  """When it was last checked."""
  checkedOn: String
  colour: Colour!
  grade: Int!
  history: [Colour!]!
  name: String!
  note: String
  parts: [Part!]!
  photos: [Photo!]!
}`);
  });

  it('builds one class per nested part for input and output, nullable where input may leave a field out', () => {
    expect(printed('Part')).toBe(`"""A part of the thing."""
type Part {
  gauges: [Gauge!]
  id: String

  """What the part is called."""
  label: String!
  serial: Int
  tags: [String!]
  weight: Float
}`);
    // The same fields as input: one class serves both.
    const asInput = printed('Part')
      .replace('"""A part of the thing."""\ntype Part {', 'input PartInput {')
      .replace('[Gauge!]', '[GaugeInput!]');
    expect(printed('PartInput')).toBe(asInput);
    // Gauges have no id to assign, so nothing of theirs is nullable.
    expect(printed('GaugeInput')).toBe(`input GaugeInput {
  at: String!
  reading: Int!
}`);
  });

  it('keeps a read-only part as the model has it: its id is always there', () => {
    expect(printed('Photo')).toBe(`type Photo {
  bytes: Int!
  id: String!
}`);
    expect(schema.getType('PhotoInput')).toBeUndefined();
  });

  it('leaves the abstract base classes out of the schema', () => {
    expect(schema.getType('ThingInputFields')).toBeUndefined();
    expect(schema.getType('ThingFields')).toBeUndefined();
  });

  it('refuses what it cannot map, naming the field', () => {
    const strict = new ZodGraphqlTypes({ enums: [ColourEnum], objects: {} });
    expect(() => strict.objectFields('Bad', z.object({ size: z.enum(['S', 'M']) }))).toThrow(
      'Bad.size: no registered GraphQL enums with exactly the values S, M',
    );
    expect(() => strict.objectFields('Bad', z.object({ shades: z.array(z.enum(['RED'])) }))).toThrow(
      'Bad.shades: no registered GraphQL enums with exactly the values RED',
    );
    expect(() => strict.objectFields('Bad', z.object({ when: z.date() }))).toThrow(
      'Bad.when: no GraphQL type for a zod date',
    );
    expect(() => strict.inputFields('Bad', z.object({ code: z.string().transform(Number) }))).toThrow(
      'Bad.code: no GraphQL type for a zod pipe',
    );
    expect(() => strict.objectFields('Bad', z.object({ owner: z.object({ name: z.string() }) }))).toThrow(
      "Bad.owner: a nested object needs its GraphQL object type's name (options.objects['owner'])",
    );
    expect(() => types.inputFields('Bad', z.object({ photos: modelSchema.shape.photos }))).toThrow(
      "Bad.photos: a nested object needs its GraphQL input type's name (options.objects['photos'])",
    );
    expect(() =>
      new ZodGraphqlTypes({ enums: [ColourEnum, { ...ColourEnum }], objects: {} }).objectFields(
        'Bad',
        z.object({ colour: z.enum(COLOURS) }),
      ),
    ).toThrow('Bad.colour: several registered GraphQL enums with exactly the values RED, GREEN');
  });
});

describe('zodInputFromGraphql', () => {
  const ids = { field: 'id', newId: () => 'new' };

  it('reads GraphQL nulls as left out, at any depth', () => {
    expect(
      zodInputFromGraphql(
        extendedSchema,
        { name: 'n', note: null, history: null, parts: [{ id: 'p1', label: 'l', weight: null, gauges: null }] },
        ids,
      ),
    ).toEqual({
      name: 'n',
      note: undefined,
      history: undefined,
      parts: [{ id: 'p1', label: 'l', weight: undefined, gauges: undefined }],
    });
  });

  it('gives list items without an id a new one, only where the items have an id field', () => {
    expect(
      zodInputFromGraphql(
        extendedSchema,
        {
          parts: [
            { id: 'p1', label: 'kept', gauges: [{ at: '2025-03-01T09:30:00Z', reading: 1 }] },
            { id: null, label: 'assigned' },
            { label: 'assigned too' },
          ],
        },
        ids,
      ),
    ).toEqual({
      parts: [
        { id: 'p1', label: 'kept', gauges: [{ at: '2025-03-01T09:30:00Z', reading: 1 }] },
        { id: 'new', label: 'assigned' },
        { label: 'assigned too', id: 'new' },
      ],
    });
  });

  it('leaves fields outside the model to the schema to refuse', () => {
    expect(zodInputFromGraphql(modelSchema, { name: 'n', extra: null }, ids)).toEqual({ name: 'n', extra: null });
  });
});
