// The partner checks what it builds against the published JSON Schemas (docs/schemas/, PROTOCOL.md §12.4),
// with its own validator instance: the contract a partner reads, not the node's code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvModule from 'ajv/dist/2020.js';

type AjvClass = typeof import('ajv/dist/2020.js').default;
const Ajv2020 = ((ajvModule as unknown as { default?: AjvClass }).default ?? ajvModule) as AjvClass;
const SCHEMAS = join(process.cwd(), 'docs', 'schemas');

let ajv: InstanceType<AjvClass> | undefined;

function loaded(): InstanceType<AjvClass> {
  if (ajv) return ajv;
  const instance = new Ajv2020({ strict: false, allErrors: true });
  // RFC 3339 instants as §7 writes them: what Date reads back to the same text.
  instance.addFormat('date-time', (text: string) => {
    const time = Date.parse(text);
    return Number.isFinite(time) && new Date(time).toISOString() === text;
  });
  for (const file of readdirSync(SCHEMAS).filter((name) => name.endsWith('.json')))
    instance.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object);
  return (ajv = instance);
}

/** The problems of `value` against docs/schemas/<name>.json, as "pointer message" lines; [] when it conforms. */
export function bodyProblems(name: string, value: unknown): string[] {
  const validate = loaded().getSchema(`https://fed-node.invalid/schemas/v1/${name}.json`);
  if (!validate) throw new Error(`docs/schemas/${name}.json is not published`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
