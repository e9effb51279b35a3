import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Checks a MISP event against the MISP core format (draft-dulaunoy-misp-core-format, MISP/misp-rfc
// misp-core-format/raw.md, read in 2026) and the object templates the node fills (MISP/misp-objects,
// objects/<name>/definition.json at commit 54538c6), as this project's own statement of what
// they require. Neither MISP's RFC text nor its template files are copied here (they may not be
// committed); when the official template files are provided at
// ../shared/data/misp-objects/objects/<name>/definition.json, objects are checked against them too.

/** The official templates, when provided beside the repository. */
export const OFFICIAL_TEMPLATES_DIR = fileURLToPath(
  new URL('../../../shared/data/misp-objects/objects/', import.meta.url),
);

interface Template {
  uuid: string;
  version: number;
  metaCategory: string;
  requiredOneOf?: string[];
  required?: string[];
  /** object_relation → its MISP attribute type, and whether it may occur more than once. */
  attributes: Record<string, { type: string; multiple?: boolean }>;
}

/** coin-address, version 7, uuid d0e6997e-78da-4815-a6a1-cfc1c1cb8a46 (misp-objects 54538c6). */
const COIN_ADDRESS: Template = {
  uuid: 'd0e6997e-78da-4815-a6a1-cfc1c1cb8a46',
  version: 7,
  metaCategory: 'financial',
  requiredOneOf: ['address', 'address-xmr', 'address-crypto'],
  attributes: {
    address: { type: 'btc' },
    'address-crypto': { type: 'text' },
    'address-xmr': { type: 'xmr' },
    'current-balance': { type: 'float' },
    'first-seen': { type: 'datetime' },
    'last-seen': { type: 'datetime' },
    'last-updated': { type: 'datetime' },
    symbol: { type: 'text' },
    text: { type: 'text' },
    'total-received': { type: 'float' },
    'total-sent': { type: 'float' },
    'total-transactions': { type: 'text' },
  },
};

/** btc-transaction, version 4, uuid B7341729-5A8A-439F-A775-6D814DA3C7B5 (misp-objects 54538c6). */
const BTC_TRANSACTION: Template = {
  uuid: 'B7341729-5A8A-439F-A775-6D814DA3C7B5',
  version: 4,
  metaCategory: 'financial',
  requiredOneOf: ['transaction-number', 'time', 'value_BTC'],
  attributes: {
    'btc-address': { type: 'btc' },
    time: { type: 'datetime' },
    'transaction-number': { type: 'text', multiple: true },
    value_BTC: { type: 'float' },
    value_EUR: { type: 'float' },
    value_USD: { type: 'float' },
  },
};

export const TEMPLATES: Readonly<Record<string, Template>> = {
  'coin-address': COIN_ADDRESS,
  'btc-transaction': BTC_TRANSACTION,
};

/** Category → the attribute types it admits, for the types the node writes (from the core format's table). */
const CATEGORY_TYPES: Readonly<Record<string, readonly string[]>> = {
  'Financial fraud': ['btc', 'xmr', 'iban', 'bic', 'bank-account-nr', 'phone-number', 'text', 'comment'],
  'Social network': ['email', 'email-src', 'email-dst', 'text', 'comment'],
  'Network activity': ['ip-src', 'ip-dst', 'domain', 'hostname', 'email', 'text', 'comment'],
  Person: [
    'full-name',
    'date-of-birth',
    'nationality',
    'passport-number',
    'identity-card-number',
    'phone-number',
    'text',
    'comment',
  ],
  'External analysis': ['sha256', 'filename|sha256', 'text', 'comment'],
  Other: ['text', 'datetime', 'float', 'comment', 'phone-number'],
};

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UNIX = /^\d+$/;

type Json = Record<string, unknown>;

function need(problems: string[], at: string, object: Json, key: string, check: (v: unknown) => boolean, what: string) {
  if (!(key in object)) problems.push(`${at}.${key}: must be present`);
  else if (!check(object[key])) problems.push(`${at}.${key}: must be ${what}, is ${JSON.stringify(object[key])}`);
}
const isString = (v: unknown) => typeof v === 'string';
const oneOf = (values: string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);

function checkAttribute(problems: string[], at: string, attribute: Json, distributions: string[]): void {
  need(problems, at, attribute, 'uuid', (v) => isString(v) && UUID.test(v as string), 'a UUID');
  need(problems, at, attribute, 'type', isString, 'a string');
  need(problems, at, attribute, 'category', (v) => isString(v) && (v as string) in CATEGORY_TYPES, 'a known category');
  need(problems, at, attribute, 'value', (v) => isString(v) && (v as string).length > 0, 'a non-empty string');
  need(problems, at, attribute, 'to_ids', (v) => typeof v === 'boolean', 'a boolean');
  need(problems, at, attribute, 'distribution', oneOf(distributions), `one of ${distributions.join(', ')}`);
  need(problems, at, attribute, 'timestamp', (v) => isString(v) && UNIX.test(v as string), 'a Unix time as a string');
  need(problems, at, attribute, 'deleted', (v) => typeof v === 'boolean', 'a boolean');
  const allowed = CATEGORY_TYPES[attribute.category as string] ?? [];
  if (!allowed.includes(attribute.type as string))
    problems.push(`${at}: type ${String(attribute.type)} is not valid in category ${String(attribute.category)}`);
}

/** The official template file of `name` as this checker's Template, when provided. */
function officialTemplate(name: string, dir: string): Template | undefined {
  const file = `${dir}${name}/definition.json`;
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    uuid: string;
    version: number;
    'meta-category': string;
    requiredOneOf?: string[];
    required?: string[];
    attributes: Record<string, { 'misp-attribute': string; multiple?: boolean }>;
  };
  return {
    uuid: raw.uuid,
    version: raw.version,
    metaCategory: raw['meta-category'],
    requiredOneOf: raw.requiredOneOf,
    required: raw.required,
    attributes: Object.fromEntries(
      Object.entries(raw.attributes).map(([relation, a]) => [
        relation,
        { type: a['misp-attribute'], multiple: a.multiple },
      ]),
    ),
  };
}

function checkAgainstTemplate(problems: string[], at: string, object: Json, template: Template, source: string): void {
  if (String(object.template_uuid).toLowerCase() !== template.uuid.toLowerCase())
    problems.push(`${at}: template_uuid ${String(object.template_uuid)} is not ${object.name as string}'s (${source})`);
  if (object.template_version !== String(template.version))
    problems.push(
      `${at}: template_version ${String(object.template_version)}, ${source} is version ${template.version}`,
    );
  if (object['meta-category'] !== template.metaCategory)
    problems.push(`${at}: meta-category is not ${template.metaCategory}`);
  const relations = ((object.Attribute as Json[]) ?? []).map((a) => a.object_relation as string);
  ((object.Attribute as Json[]) ?? []).forEach((attribute, i) => {
    const expected = template.attributes[attribute.object_relation as string];
    if (!expected) problems.push(`${at}.Attribute.${i}: ${String(attribute.object_relation)} is not in ${source}`);
    else if (expected.type !== attribute.type)
      problems.push(
        `${at}.Attribute.${i}: ${String(attribute.object_relation)} must be of type ${expected.type} (${source})`,
      );
  });
  for (const [relation, spec] of Object.entries(template.attributes))
    if (!spec.multiple && relations.filter((r) => r === relation).length > 1)
      problems.push(`${at}: ${relation} occurs more than once (${source})`);
  if (template.requiredOneOf && !template.requiredOneOf.some((r) => relations.includes(r)))
    problems.push(`${at}: needs one of ${template.requiredOneOf.join(', ')} (${source})`);
  for (const relation of template.required ?? [])
    if (!relations.includes(relation)) problems.push(`${at}: needs ${relation} (${source})`);
}

function checkObject(problems: string[], at: string, object: Json, officialDir: string): void {
  need(problems, at, object, 'uuid', (v) => isString(v) && UUID.test(v as string), 'a UUID');
  for (const key of ['name', 'meta-category', 'description', 'template_uuid', 'template_version'])
    need(problems, at, object, key, isString, 'a string');
  need(problems, at, object, 'timestamp', (v) => isString(v) && UNIX.test(v as string), 'a Unix time as a string');
  need(problems, at, object, 'distribution', oneOf(['0', '1', '2', '3', '4', '5']), 'a distribution');
  need(problems, at, object, 'deleted', (v) => typeof v === 'boolean', 'a boolean');
  need(problems, at, object, 'Attribute', (v) => Array.isArray(v) && v.length > 0, 'a non-empty array');
  ((object.Attribute as Json[]) ?? []).forEach((attribute, i) => {
    checkAttribute(problems, `${at}.Attribute.${i}`, attribute, ['0', '1', '2', '3', '4', '5']);
    need(problems, `${at}.Attribute.${i}`, attribute, 'object_relation', isString, 'a string');
  });
  const own = TEMPLATES[object.name as string];
  if (!own) problems.push(`${at}: no template ${String(object.name)} known to this checker`);
  else checkAgainstTemplate(problems, at, object, own, `template ${String(object.name)} v${own.version}`);
  const official = officialTemplate(object.name as string, officialDir);
  if (official) checkAgainstTemplate(problems, at, object, official, `official ${String(object.name)}/definition.json`);
}

/** Every problem of a `{ "Event": … }` document; empty when it conforms. */
export function mispEventProblems(document: unknown, officialDir = OFFICIAL_TEMPLATES_DIR): string[] {
  const problems: string[] = [];
  const event = (document as { Event?: Json }).Event;
  if (!event || typeof event !== 'object') return ['Event: must be an object'];
  const at = 'Event';
  need(problems, at, event, 'uuid', (v) => isString(v) && UUID.test(v as string), 'a UUID');
  need(problems, at, event, 'published', (v) => typeof v === 'boolean', 'a boolean');
  need(
    problems,
    at,
    event,
    'info',
    (v) => isString(v) && (v as string).length <= 256 && !(v as string).includes('\n'),
    'one line of at most 256 characters',
  );
  need(problems, at, event, 'date', (v) => isString(v) && /^\d{4}-\d{2}-\d{2}$/.test(v as string), 'a YYYY-MM-DD date');
  need(problems, at, event, 'timestamp', (v) => isString(v) && UNIX.test(v as string), 'a Unix time as a string');
  need(
    problems,
    at,
    event,
    'publish_timestamp',
    (v) => isString(v) && UNIX.test(v as string),
    'a Unix time as a string',
  );
  need(problems, at, event, 'threat_level_id', oneOf(['1', '2', '3', '4']), '1 to 4');
  need(problems, at, event, 'analysis', oneOf(['0', '1', '2']), '0 to 2');
  need(problems, at, event, 'distribution', oneOf(['0', '1', '2', '3', '4']), 'a distribution 0 to 4');
  if (event.distribution !== '4' && event.sharing_group_id !== '0')
    problems.push('Event.sharing_group_id: must be "0"');
  for (const org of ['Orgc', 'Org'] as const) {
    const value = event[org] as Json | undefined;
    if (!value) problems.push(`Event.${org}: must be present`);
    else {
      need(problems, `Event.${org}`, value, 'uuid', (v) => isString(v) && UUID.test(v as string), 'a UUID');
      need(problems, `Event.${org}`, value, 'name', isString, 'a string');
    }
  }
  ((event.Tag as Json[]) ?? []).forEach((tag, i) =>
    need(problems, `Event.Tag.${i}`, tag, 'name', isString, 'a string'),
  );
  ((event.Attribute as Json[]) ?? []).forEach((a, i) =>
    checkAttribute(problems, `Event.Attribute.${i}`, a, ['0', '1', '2', '3', '4', '5']),
  );
  ((event.Object as Json[]) ?? []).forEach((o, i) => checkObject(problems, `Event.Object.${i}`, o, officialDir));
  ((event.EventReport as Json[]) ?? []).forEach((report, i) => {
    for (const key of ['uuid', 'name', 'content', 'distribution', 'sharing_group_id', 'timestamp'])
      need(problems, `Event.EventReport.${i}`, report, key, isString, 'a string');
    need(problems, `Event.EventReport.${i}`, report, 'deleted', (v) => typeof v === 'boolean', 'a boolean');
  });
  return problems;
}
