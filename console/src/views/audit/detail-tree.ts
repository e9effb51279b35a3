/**
 * An entry's details as a reader takes them in: labelled fields, lists, and nested groups of fields,
 * never JSON. Items of a list keep the list's key, so `roles: [ANALYST]` still reads as roles.
 */
export type DetailNode =
  | { key: string; kind: 'value'; value: string | number | boolean | null }
  | { key: string; kind: 'list'; items: DetailNode[] }
  | { key: string; kind: 'fields'; fields: DetailNode[] };

function nodeOf(key: string, value: unknown): DetailNode {
  if (Array.isArray(value)) return { key, kind: 'list', items: value.map((item) => nodeOf(key, item)) };
  if (value !== null && typeof value === 'object') return { key, kind: 'fields', fields: detailTree(value) };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return { key, kind: 'value', value };
  return { key, kind: 'value', value: null };
}

/** The fields of a details object in the node's order; absent values (undefined) are left out. */
export function detailTree(details: object | null | undefined): DetailNode[] {
  return Object.entries(details ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => nodeOf(key, value));
}

/** "previousRoles", "retention_until" → "Previous roles", "Retention until": for keys no catalogue names. */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A detail's label in the reader's language where the catalogue knows the key, else the key made readable. */
export function detailLabel(key: string, maybe: (key: string) => string | undefined): string {
  return maybe(`audit.key.${key}`) ?? humanise(key);
}
