import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII, fileURLToPath } from 'node:url';
import ajvModule from 'ajv/dist/2020.js';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { NODE_EXTENSION_SCHEMAS } from './stix-extension-schemas.js';
import { NODE_EXTENSION_NAMES, NODE_EXTENSIONS, nodeExtensionsIn, type NodeExtension } from './stix-extensions.js';
import { OPENCTI_SCO_SCHEMAS, OPENCTI_SCO_TYPES } from './stix-opencti-observables.js';
import type { StixObject } from './stix-vocabulary.js';

// Validation against the official OASIS STIX 2.1 JSON schemas (draft 2020-12). Each schema's $id is
// its upstream URL; all are registered with one validator, so $refs resolve locally, never over the
// network. OpenCTI's observables are checked against OpenCTI's definitions, the node's new observable
// and property extensions against the schemas it publishes (stix-extension-schemas.ts).

type AjvClass = typeof import('ajv/dist/2020.js').default;
type AddFormats = typeof import('ajv-formats').default;
// CommonJS packages seen from an ES module: the default export may sit one level down.
const Ajv2020 = ((ajvModule as unknown as { default?: AjvClass }).default ?? ajvModule) as AjvClass;
const addFormats = ((formatsModule as unknown as { default?: AddFormats }).default ?? formatsModule) as AddFormats;

/** The copy shipped with the node (vendor/stix2-json-schemas, BSD-3-Clause, OASIS). */
export const VENDORED_SCHEMA_DIR = fileURLToPath(new URL('../../vendor/stix2-json-schemas/', import.meta.url));

const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

/** More objects than an import takes in one transaction. */
export const MAX_BUNDLE_OBJECTS = 50_000;

export interface StixSchemaError {
  /** JSON pointer into the validated document, e.g. `/objects/3/pattern`. */
  pointer: string;
  message: string;
}

export class StixSchemas {
  private readonly ajv: InstanceType<AjvClass>;
  /** Schema $id by STIX type, compiled on first use (after every schema is registered). */
  private readonly byType = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Loads every schema under `<dir>/schemas/` (the layout of cti-stix2-json-schemas). */
  constructor(dir: string = VENDORED_SCHEMA_DIR) {
    // strict: false because the upstream schemas use keywords ajv's strict mode flags (e.g. "title"
    // inside $ref siblings); unicodeRegExp: false because one upstream pattern escapes "-".
    this.ajv = new Ajv2020({ strict: false, allErrors: false, unicodeRegExp: false });
    addFormats(this.ajv);
    this.ajv.addFormat('idn-hostname', { type: 'string', validate: (value: string) => domainToASCII(value) !== '' });
    const root = join(dir, 'schemas');
    for (const folder of readdirSync(root)) {
      for (const file of readdirSync(join(root, folder)).filter((name) => name.endsWith('.json'))) {
        const schema = JSON.parse(readFileSync(join(root, folder, file), 'utf8')) as AnySchema & { $id: string };
        this.ajv.addSchema(schema);
        if (
          folder !== 'common' ||
          ['marking-definition.json', 'extension-definition.json', 'bundle.json'].includes(file)
        ) {
          this.byType.set(file.replace(/\.json$/, ''), schema.$id);
        }
      }
    }
    for (const name of NODE_EXTENSION_NAMES) this.ajv.addSchema(NODE_EXTENSION_SCHEMAS[name], `fednode:${name}`);
    for (const type of OPENCTI_SCO_TYPES) this.ajv.addSchema(OPENCTI_SCO_SCHEMAS[type], `opencti:${type}`);
    // bundle.json's list of object schemas predates note, grouping, location, opinion and
    // extension-definition (and its custom-object branch matches any SDO twice), so the envelope is
    // checked with bundle.json's own type and id rules and each object against its own schema.
    this.ajv.addSchema(
      {
        type: 'object',
        required: ['type', 'id', 'objects'],
        properties: {
          type: { $ref: `${SCHEMA_BASE}common/bundle.json#/properties/type` },
          id: { $ref: `${SCHEMA_BASE}common/bundle.json#/properties/id` },
          objects: { type: 'array', minItems: 1, maxItems: MAX_BUNDLE_OBJECTS },
        },
      },
      'fednode:bundle-envelope',
    );
  }

  /** The schema an object of `type` is checked against; unknown types get the common core schemas. */
  private validatorFor(type: string, object: Record<string, unknown>): ValidateFunction {
    const known = this.byType.get(type);
    if (known && type !== 'bundle') return this.schema(known);
    if ((OPENCTI_SCO_TYPES as readonly string[]).includes(type)) return this.schema(`opencti:${type}`);
    if (type === 'cryptocurrency-transaction') return this.schema('fednode:cryptocurrency-transaction');
    // Another producer's custom object: an SDO/SRO has `created`, an observable does not.
    return this.schema(`${SCHEMA_BASE}common/${'created' in object ? 'core' : 'cyber-observable-core'}.json`);
  }

  private schema(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.getSchema(ref);
      if (!validate) throw new Error(`no STIX schema ${ref}`);
      this.compiled.set(ref, validate);
    }
    return validate;
  }

  /**
   * Errors of one STIX object against its schema; `pointer` is prefixed with `at`. Property
   * extensions whose definition `extensions` names (extension-definition id → node extension, see
   * nodeExtensionsIn) are checked against the node's published schema for them.
   */
  validateObject(
    object: unknown,
    at = '',
    extensions: ReadonlyMap<string, NodeExtension> = new Map(),
  ): StixSchemaError[] {
    if (typeof object !== 'object' || object === null || Array.isArray(object))
      return [{ pointer: at || '/', message: 'must be a JSON object' }];
    const type = (object as { type?: unknown }).type;
    if (typeof type !== 'string') return [{ pointer: `${at}/type`, message: 'must be a string naming the STIX type' }];
    const validate = this.validatorFor(type, object as Record<string, unknown>);
    if (!validate(object)) return errorsOf(validate.errors, at);
    const used = (object as { extensions?: Record<string, unknown> }).extensions ?? {};
    return Object.entries(used).flatMap(([id, content]) => {
      const name = extensions.get(id);
      if (!name || NODE_EXTENSIONS[name].kind !== 'property-extension') return [];
      const check = this.schema(`fednode:${name}`);
      return check(content) ? [] : errorsOf(check.errors, `${at}/extensions/${id}`);
    });
  }

  /** Errors of a bundle: its envelope against bundle.json, then every object against its own schema. */
  validateBundle(bundle: unknown): StixSchemaError[] {
    const envelope = this.schema('fednode:bundle-envelope');
    if (!envelope(bundle)) return errorsOf(envelope.errors, '');
    const objects = (bundle as { objects?: unknown[] }).objects ?? [];
    const extensions = nodeExtensionsIn(objects.filter(isObject));
    return objects.flatMap((object, index) => this.validateObject(object, `/objects/${index}`, extensions));
  }
}

function isObject(value: unknown): value is StixObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorsOf(errors: ErrorObject[] | null | undefined, at: string): StixSchemaError[] {
  return (errors ?? []).map((error) => ({
    pointer: `${at}${error.instancePath}` || '/',
    message: `${error.message ?? 'is invalid'}${error.params && Object.keys(error.params).length ? ` (${JSON.stringify(error.params)})` : ''}`,
  }));
}
