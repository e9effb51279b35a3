import { Field, Float, InputType, Int, ObjectType, type GqlTypeReference } from '@nestjs/graphql';
import { z } from 'zod';

/*
 * GraphQL classes generated from a zod object schema, so a model declared once in zod is the API's
 * shape too: a new field in the model is a new field of the input and object types, with no class to
 * edit. The decorators of @nestjs/graphql are applied by hand to generated classes; everything is
 * decided when the classes are built (at import), so a field the mapping cannot express stops the node
 * at startup, naming its path, rather than turning into a String in the schema.
 *
 * Nullability follows the zod schema: on an input type a field is nullable when it may be left out
 * (optional or with a default), on an object type when it may be absent (optional). A class serving as
 * both takes the input rule. List items' node-assigned field (`id`) is nullable on input: the node
 * fills it in (zodInputFromGraphql).
 */

/** The GraphQL types generated for a nested object of the model. */
export interface GraphqlTypeNames {
  /** The object type's name, when the part is read. */
  object?: string;
  /** The input type's name, when the part is written. */
  input?: string;
  /** The object type's description. */
  description?: string;
}

export interface ZodGraphqlOptions {
  /**
   * The registered GraphQL enums (objects given to registerEnumType): a zod enum becomes the one whose
   * values are exactly its own. An enum with no match is an error, never a String.
   */
  enums: readonly Readonly<Record<string, string>>[];
  /** Nested objects' types, by field path from the root without list indices: `subjects.documents`. */
  objects: Readonly<Record<string, GraphqlTypeNames>>;
  /** The field of list items the node assigns when it is missing (see zodInputFromGraphql). */
  listItemId?: string;
}

// A ZodObject of any shape and strictness, refined or not.
type AnyZodObject = z.ZodObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;

export interface FieldsOptions<S extends AnyZodObject, K extends string> {
  /** Fields of the schema left out of the type. */
  omit?: readonly K[];
  /** Descriptions for this type only, by field (the model's own come from `.describe()`). */
  descriptions?: Readonly<Partial<Record<Exclude<keyof S['shape'] & string, K>, string>>>;
}

type FieldType = GqlTypeReference | [GqlTypeReference];
/** Where a field is: its name for errors, its path, the kinds of type it is in, and whether it is a list's items. */
type FieldAt = { where: string; path: string; input: boolean; object: boolean; listItem: boolean };

const INT_FORMATS = new Set(['safeint', 'int32', 'uint32']);

/** The schema under its optional / default wrappers, whether those let it be left out, and its description. */
function unwrap(schema: z.core.$ZodType): {
  inner: z.core.$ZodType;
  optionalOnInput: boolean;
  optionalOnOutput: boolean;
  description?: string;
} {
  let inner = schema;
  let optionalOnInput = false;
  let optionalOnOutput: boolean | undefined;
  let description: string | undefined;
  for (;;) {
    description ??= z.globalRegistry.get(inner)?.description;
    if (inner instanceof z.core.$ZodOptional) {
      optionalOnInput = true;
      optionalOnOutput ??= true;
    } else if (inner instanceof z.core.$ZodDefault || inner instanceof z.core.$ZodPrefault) {
      optionalOnInput = true;
      optionalOnOutput ??= false; // a default fills the slot, whatever is inside
    } else if (!(inner instanceof z.core.$ZodReadonly)) {
      return { inner, optionalOnInput, optionalOnOutput: optionalOnOutput ?? false, description };
    }
    inner = inner._zod.def.innerType;
  }
}

/** The object schema of a list's items, when the list holds objects. */
function listItems(schema: z.core.$ZodType): z.core.$ZodObject | undefined {
  const { inner } = unwrap(schema);
  if (!(inner instanceof z.core.$ZodArray)) return undefined;
  const element = unwrap(inner._zod.def.element).inner;
  return element instanceof z.core.$ZodObject ? element : undefined;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((value) => set.has(value));
}

function namedClass(name: string): new () => object {
  const generated = class {};
  Object.defineProperty(generated, 'name', { value: name });
  return generated;
}

/** Builds the GraphQL classes of one model; nested objects' classes are built once and shared. */
export class ZodGraphqlTypes {
  private readonly nested = new Map<string, new () => object>();

  constructor(private readonly options: ZodGraphqlOptions) {}

  /**
   * An abstract input type with the schema's fields, to extend with a class decorated `@InputType(name)`
   * (a resolver's argument type must be a class, and the subclass is one).
   */
  inputFields<S extends AnyZodObject, K extends keyof S['shape'] & string = never>(
    name: string,
    schema: S,
    options: FieldsOptions<S, K> = {},
  ): new () => Omit<z.input<S>, K> {
    return this.abstractType('input', name, schema, options) as new () => Omit<z.input<S>, K>;
  }

  /** An abstract object type with the schema's fields, to extend with a class decorated `@ObjectType(name)`. */
  objectFields<S extends AnyZodObject, K extends keyof S['shape'] & string = never>(
    name: string,
    schema: S,
    options: FieldsOptions<S, K> = {},
  ): new () => Omit<z.output<S>, K> {
    return this.abstractType('object', name, schema, options) as new () => Omit<z.output<S>, K>;
  }

  private abstractType(
    kind: 'input' | 'object',
    name: string,
    schema: z.core.$ZodObject,
    options: { omit?: readonly string[]; descriptions?: Readonly<Partial<Record<string, string>>> },
  ): new () => object {
    const base = namedClass(`${name}Fields`);
    this.addFields(base, name, '', schema, {
      input: kind === 'input',
      object: kind === 'object',
      listItem: false,
      ...options,
    });
    (kind === 'input' ? InputType : ObjectType)({ isAbstract: true })(base);
    return base;
  }

  private addFields(
    target: new () => object,
    typeName: string,
    path: string,
    schema: z.core.$ZodObject,
    how: {
      /** An input type (nullable where input may leave a field out, even when also an object type). */
      input: boolean;
      /** An object type (nullable where the field may be absent, unless also an input type). */
      object: boolean;
      listItem: boolean;
      omit?: readonly string[];
      descriptions?: Readonly<Partial<Record<string, string>>>;
    },
  ): void {
    for (const [key, field] of Object.entries(schema._zod.def.shape)) {
      if (how.omit?.includes(key)) continue;
      const fieldPath = path ? `${path}.${key}` : key;
      const { inner, optionalOnInput, optionalOnOutput, description } = unwrap(field);
      const at = { where: `${typeName}.${fieldPath}`, path: fieldPath, input: how.input, object: how.object };
      const type = this.fieldType(inner, { ...at, listItem: false });
      const assigned = how.input && how.listItem && key === this.options.listItemId;
      const nullable = how.input ? optionalOnInput || assigned : optionalOnOutput;
      Field(() => type, { nullable, description: how.descriptions?.[key] ?? description })(target.prototype, key);
    }
  }

  private fieldType(schema: z.core.$ZodType, at: FieldAt): FieldType {
    const { where } = at;
    if (schema instanceof z.core.$ZodString) return String;
    if (schema instanceof z.core.$ZodBoolean) return Boolean;
    if (schema instanceof z.ZodNumber) return schema.format && INT_FORMATS.has(schema.format) ? Int : Float;
    if (schema instanceof z.core.$ZodLiteral) {
      const values = schema._zod.def.values;
      if (values.every((value) => Number.isSafeInteger(value))) return Int;
      if (values.every((value) => typeof value === 'string')) return String;
      if (values.every((value) => typeof value === 'boolean')) return Boolean;
      throw new TypeError(`${where}: no GraphQL type for the literal values ${values.map(String).join(', ')}`);
    }
    if (schema instanceof z.core.$ZodEnum) {
      const values = Object.values(schema._zod.def.entries);
      const found = this.options.enums.filter((graphqlEnum) => sameValues(Object.values(graphqlEnum), values));
      if (found.length !== 1)
        throw new TypeError(
          `${where}: ${found.length ? 'several' : 'no'} registered GraphQL enums with exactly the values ${values.join(', ')}`,
        );
      return found[0];
    }
    if (schema instanceof z.core.$ZodArray) {
      const element = unwrap(schema._zod.def.element);
      if (element.optionalOnInput || element.optionalOnOutput)
        throw new TypeError(`${where}: list items cannot be optional in GraphQL`);
      const type = this.fieldType(element.inner, { ...at, listItem: true });
      if (Array.isArray(type)) throw new TypeError(`${where}: lists of lists are not mapped`);
      return [type];
    }
    if (schema instanceof z.core.$ZodObject) return this.nestedClass(schema, at);
    throw new TypeError(`${where}: no GraphQL type for a zod ${schema._zod.def.type}`);
  }

  private nestedClass(schema: z.core.$ZodObject, { where, path, input, object, listItem }: FieldAt): new () => object {
    const names = this.options.objects[path] ?? {};
    for (const [needed, name] of [
      [input, 'input'],
      [object, 'object'],
    ] as const) {
      if (needed && !names[name])
        throw new TypeError(
          `${where}: a nested object needs its GraphQL ${name} type's name (options.objects['${path}'])`,
        );
    }
    const existing = this.nested.get(path);
    if (existing) return existing;
    const generated = namedClass(names.object ?? names.input ?? path);
    this.nested.set(path, generated);
    const kinds = { input: names.input !== undefined, object: names.object !== undefined };
    this.addFields(generated, generated.name, path, schema, { ...kinds, listItem });
    if (names.object) ObjectType(names.object, { description: names.description })(generated);
    if (names.input) InputType(names.input)(generated);
    return generated;
  }
}

/**
 * What GraphQL delivers for an input type built above, as the zod schema's input: a null (GraphQL's
 * "not given") becomes undefined at any depth, and the items of lists of objects with a `listItemId`
 * field get one from `newId` when they have none.
 */
export function zodInputFromGraphql(
  schema: z.core.$ZodType,
  value: unknown,
  listItemIds?: { field: string; newId: () => string },
): unknown {
  if (value === null) return undefined;
  const { inner } = unwrap(schema);
  if (inner instanceof z.core.$ZodArray && Array.isArray(value)) {
    const items = listItems(inner);
    const assign =
      listItemIds && items && Object.hasOwn(items._zod.def.shape, listItemIds.field) ? listItemIds : undefined;
    return value.map((item: unknown) => {
      const converted = zodInputFromGraphql(inner._zod.def.element, item, listItemIds);
      if (!assign || !isRecord(converted) || converted[assign.field] !== undefined) return converted;
      return { ...converted, [assign.field]: assign.newId() };
    });
  }
  if (inner instanceof z.core.$ZodObject && isRecord(value)) {
    const shape = inner._zod.def.shape;
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        Object.hasOwn(shape, key) ? zodInputFromGraphql(shape[key], field, listItemIds) : field,
      ]),
    );
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
