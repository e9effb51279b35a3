import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_BASE, SCHEMA_DIR } from './wire-schemas.js';

// Ties a hand-written TypeScript type to its JSON Schema: the compiler checks that a key list names
// exactly the type's required and optional members, and the spec compares that list with the schema.

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type Exactly<All, Listed> = [All] extends [Listed] ? ([Listed] extends [All] ? unknown : never) : never;

export interface Shape {
  required: string[];
  optional: string[];
}

/** `shapeOf<T>()(required, optional)` compiles only when the lists are exactly T's members. */
export function shapeOf<T>() {
  return <const R extends readonly RequiredKeys<T>[], const O extends readonly OptionalKeys<T>[]>(
    required: R & Exactly<RequiredKeys<T>, R[number]>,
    optional: O & Exactly<OptionalKeys<T>, O[number]>,
  ): Shape => ({
    required: [...(required as readonly string[])].sort(),
    optional: [...(optional as readonly string[])].sort(),
  });
}

export type Schema = {
  $ref?: string;
  properties?: Record<string, Schema & { items?: Schema }>;
  required?: string[];
  $defs?: Record<string, Schema>;
};

/** The members of the object schema at `ref` (`receipt#/$defs/receipt`), following $refs. */
export function schemaShape(ref: string): Shape {
  const schema = resolve(ref);
  const members = Object.keys(schema.properties ?? {});
  const required = [...(schema.required ?? [])].sort();
  return { required, optional: members.filter((m) => !required.includes(m)).sort() };
}

/** The `enum` (or `const`) values of the schema at `ref`. */
export function schemaEnum(ref: string): unknown[] {
  const schema = resolve(ref) as Schema & { enum?: unknown[]; const?: unknown };
  return schema.enum ?? [schema.const];
}

/** The schema at `ref` (`case-body#/$defs/person`), following a $ref that stands in for it. */
export function schemaAt(ref: string): Schema {
  return resolve(ref);
}

function resolve(ref: string, base = ''): Schema {
  const [file, pointer = ''] = ref.split('#');
  const name = file || base;
  const document = JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.json`), 'utf8')) as Schema;
  let node: unknown = document;
  for (const part of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown>)[part];
  const schema = node as Schema;
  if (schema.$ref && !schema.properties) {
    const target = schema.$ref.replace(SCHEMA_BASE, '').replace(/\.json/, '');
    return resolve(target.startsWith('#') ? `${name}${target}` : target, name);
  }
  return schema;
}
