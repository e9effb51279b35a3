import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvModule from 'ajv/dist/2020.js';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

// The JSON Schemas (2020-12) of every body that crosses the wire, in docs/schemas/: the one source of
// truth, published to partners and used here as they are. One file per body; each file's $id is
// SCHEMA_BASE + its file name, and $refs between files resolve locally, never over the network. A new
// body is a new file in that folder (and a row in its README): nothing to register here.

type AjvClass = typeof import('ajv/dist/2020.js').default;
// A CommonJS package seen from an ES module: the default export may sit one level down.
const Ajv2020 = ((ajvModule as unknown as { default?: AjvClass }).default ?? ajvModule) as AjvClass;

export const SCHEMA_BASE = 'https://fed-node.invalid/schemas/v1/';
/**
 * docs/schemas/ of this checkout or image: the nearest one above this module, which sits at different
 * depths when built (dist/kernel/wire/), run by jest (src/kernel/wire/) or built with the benchmarks
 * (dist-bench/src/kernel/wire/).
 */
export const SCHEMA_DIR = nearestSchemaDir(dirname(fileURLToPath(import.meta.url)));

function nearestSchemaDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'docs', 'schemas');
    if (existsSync(join(candidate, 'README.md'))) return candidate + '/';
    if (dirname(dir) === dir) throw new Error(`docs/schemas/ not found above ${from}`);
  }
}

/** One failed rule, named by its place in the body: `entry.validUntil`, `items[3].output`. */
export interface WireIssue {
  path: (string | number)[];
  message: string;
}

export type WireCheck<T> = { success: true; data: T } | { success: false; error: { issues: WireIssue[] } };

/** A body checked against one schema. `safeParse` and `parse` read like zod's, which they replace. */
export interface WireValidator<T> {
  readonly id: string;
  safeParse(value: unknown): WireCheck<T>;
  /** Throws a TypeError naming the first failed rule. */
  parse(value: unknown): T;
  /** The first failed rule as `path: message`, or undefined when the body is valid. */
  problem(value: unknown): string | undefined;
}

/**
 * Instants are checked beyond the schema's pattern and `format: date-time`: exactly what
 * Date#toISOString prints (a real calendar date, no leap second), since signatures cover the text.
 */
function isIsoInstant(text: string): boolean {
  const time = Date.parse(text);
  return Number.isFinite(time) && new Date(time).toISOString() === text;
}

let ajv: InstanceType<AjvClass> | undefined;
const compiled = new Map<string, ValidateFunction>();

function loaded(): InstanceType<AjvClass> {
  if (ajv) return ajv;
  // Strict: unknown keywords and formats are errors. strictRequired and strictTypes flag the if/then rules of
  // receipt.json and the allOf of text with a length, which are meant.
  const instance = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allErrors: false });
  instance.addFormat('date-time', { type: 'string', validate: isIsoInstant });
  for (const file of readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as AnySchema & { $id?: string };
    if (schema.$id !== `${SCHEMA_BASE}${file}`)
      throw new Error(`docs/schemas/${file}: its $id must be ${SCHEMA_BASE}${file}, not ${String(schema.$id)}`);
    instance.addSchema(schema);
  }
  return (ajv = instance);
}

/** The names of the schema files (without .json), for tests and the index. */
export function wireSchemaNames(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
}

/** `ref`: a file name without .json (`receipt`), optionally with a JSON pointer (`watchlist-feed-page#/$defs/item`). */
export function wireValidator<T>(ref: string): WireValidator<T> {
  const [file, pointer = ''] = ref.split('#');
  const id = `${SCHEMA_BASE}${file}.json${pointer ? `#${pointer}` : ''}`;
  let validate = compiled.get(id);
  if (!validate) {
    validate = loaded().getSchema(id);
    if (!validate) throw new Error(`no wire schema ${id} in docs/schemas`);
    compiled.set(id, validate);
  }
  const check = validate;
  const safeParse = (value: unknown): WireCheck<T> =>
    check(value) ? { success: true, data: value as T } : { success: false, error: { issues: issuesOf(check.errors) } };
  return {
    id,
    safeParse,
    parse(value) {
      const result = safeParse(value);
      if (result.success) return result.data;
      throw new TypeError(`${ref}: ${describeIssue(result.error.issues[0])}`);
    },
    problem(value) {
      const result = safeParse(value);
      return result.success ? undefined : describeIssue(result.error.issues[0]);
    },
  };
}

/** `items[3].entry.value: must match pattern …`. */
export function describeIssue(issue: WireIssue | undefined): string {
  if (!issue) return 'is invalid';
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
  return `${path || 'body'}: ${issue.message}`;
}

function issuesOf(errors: ErrorObject[] | null | undefined): WireIssue[] {
  return (errors ?? []).map((error) => {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
    return { path: [...path, ...extraKey(error)], message: messageOf(error) };
  });
}

/** Ajv reports a missing or unknown member at its parent: name the member itself. */
function extraKey(error: ErrorObject): string[] {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) return [params.missingProperty];
  if (error.keyword === 'additionalProperties' && params.additionalProperty) return [params.additionalProperty];
  return [];
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is missing';
    case 'additionalProperties':
      return 'is not a member of this body';
    case 'enum':
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case 'pattern':
      return `has the wrong form (${(error.parentSchema as { description?: string } | undefined)?.description ?? `pattern ${(error.params as { pattern: string }).pattern}`})`;
    case 'format':
      return 'must be an instant as Date#toISOString writes it, e.g. 2026-01-31T00:00:00.000Z';
    default:
      return error.message ?? 'is invalid';
  }
}
