import { isRealTime, parseAddedAfter, parseLimit, TaxiiRequestError } from './taxii-paging.js';

// The URL query of a TAXII 2.1 request (§3.4): added_after, limit, next and the match[<field>]
// filters, parsed strictly from the raw query string (a repeated parameter is a 400), and matched
// against one object. Pure: the collection service walks the objects, this decides which fit.

/** Which request parameters an endpoint takes (§5.3, §5.4, §5.6, §5.8). */
export type TaxiiEndpoint = 'objects' | 'manifest' | 'object' | 'versions';

const MATCH_FIELDS: Readonly<Record<TaxiiEndpoint, readonly string[]>> = {
  objects: ['id', 'type', 'version', 'spec_version'],
  manifest: ['id', 'type', 'version', 'spec_version'],
  object: ['version', 'spec_version'],
  versions: ['spec_version'],
};

/** match[version]: keywords, or exact STIX timestamps (compared with the object's version). */
export interface VersionFilter {
  all: boolean;
  first: boolean;
  last: boolean;
  timestamps: Set<string>;
}

export interface TaxiiQuery {
  limit: number;
  next?: string;
  addedAfter?: string;
  ids?: Set<string>;
  types?: Set<string>;
  versions: VersionFilter;
  specVersions?: Set<string>;
}

/** What the query needs to know of a stored object version. */
export interface QueryCandidate {
  id: string;
  type: string;
  /** modified, else created (STIX), as TAXII §5.3.1 defines an object's version. */
  version: string;
  specVersion: string;
  /** This is the earliest / latest version of its object held in the collection. */
  isFirst: boolean;
  isLast: boolean;
}

const STIX_ID =
  /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const STIX_TYPE = /^[a-z][a-z0-9-]{1,248}[a-z0-9]$/;
const STIX_TIMESTAMP = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const SPEC_VERSION = /^\d+\.\d+$/;

function badFilter(field: string, description: string): TaxiiRequestError {
  return new TaxiiRequestError(400, 'Bad filter', `${field}: ${description}`);
}

/** The comma-separated values of one match field (§3.4: no spaces, no empty values, none twice). */
function values(field: string, raw: string, valid: RegExp, what: string): string[] {
  const list = raw.split(',');
  for (const value of list) {
    if (!valid.test(value)) throw badFilter(field, `${JSON.stringify(value)} is not ${what}`);
  }
  if (new Set(list).size !== list.length) throw badFilter(field, 'a value occurs more than once');
  return list;
}

function versionFilter(raw: string | undefined): VersionFilter {
  const filter: VersionFilter = { all: false, first: false, last: raw === undefined, timestamps: new Set() };
  if (raw === undefined) return filter;
  const list = values('match[version]', raw, /^(all|first|last|.+)$/, 'a version');
  for (const value of list) {
    if (value === 'all' || value === 'first' || value === 'last') filter[value] = true;
    else if (STIX_TIMESTAMP.test(value) && isRealTime(value)) filter.timestamps.add(value);
    else throw badFilter('match[version]', `${JSON.stringify(value)} is not first, last, all or a STIX timestamp`);
  }
  if (filter.all && list.length > 1) throw badFilter('match[version]', 'all cannot be combined with other versions');
  return filter;
}

/**
 * Parses a request's raw query string for `endpoint`. Malformed parameters are a 400 (§3.4); match
 * fields the endpoint does not define are ignored, as §3.4 allows.
 */
export function parseTaxiiQuery(rawQuery: string, endpoint: TaxiiEndpoint): TaxiiQuery {
  const params = new URLSearchParams(rawQuery);
  const seen = new Map<string, string>();
  for (const [key, value] of params) {
    if (seen.has(key)) throw badFilter(key, 'may occur only once in a request');
    seen.set(key, value);
  }
  const allowed = MATCH_FIELDS[endpoint];
  const field = (name: string) => (allowed.includes(name) ? seen.get(`match[${name}]`) : undefined);
  const query: TaxiiQuery = {
    limit: parseLimit(seen.get('limit')),
    addedAfter: parseAddedAfter(seen.get('added_after')),
    versions: versionFilter(field('version')),
  };
  const next = seen.get('next');
  if (next !== undefined && next !== '') query.next = next;
  const ids = field('id');
  if (ids !== undefined) query.ids = new Set(values('match[id]', ids, STIX_ID, 'a STIX identifier'));
  const types = field('type');
  if (types !== undefined) query.types = new Set(values('match[type]', types, STIX_TYPE, 'a STIX type name'));
  const specVersions = field('spec_version');
  if (specVersions !== undefined)
    query.specVersions = new Set(values('match[spec_version]', specVersions, SPEC_VERSION, 'a version such as 2.1'));
  return query;
}

/**
 * Whether one object version is in the answer. Without match[spec_version] only the latest
 * specification version of each object counts; every object here is STIX 2.1, the latest there is.
 */
export function matchesQuery(candidate: QueryCandidate, query: TaxiiQuery): boolean {
  if (query.ids && !query.ids.has(candidate.id)) return false;
  if (query.types && !query.types.has(candidate.type)) return false;
  if (query.specVersions && !query.specVersions.has(candidate.specVersion)) return false;
  const { versions } = query;
  return (
    versions.all ||
    (versions.first && candidate.isFirst) ||
    (versions.last && candidate.isLast) ||
    [...versions.timestamps].some((t) => Date.parse(t) === Date.parse(candidate.version) && sameStamp(t, candidate))
  );
}

/** Exact STIX timestamps match when they name the same instant to the precision both carry. */
function sameStamp(requested: string, candidate: QueryCandidate): boolean {
  const digits = (stamp: string) => (/\.(\d+)Z$/.exec(stamp)?.[1] ?? '').replace(/0+$/, '');
  return digits(requested) === digits(candidate.version);
}

/** Whether any object of `type` can be in the answer (lets a walk skip whole parts of a collection). */
export function mayMatchType(query: TaxiiQuery, type: string): boolean {
  return !query.types || query.types.has(type);
}
