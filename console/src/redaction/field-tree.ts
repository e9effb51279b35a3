import type { RemovedField } from '../api/operations';

/** One line of a case shown as a tree: `path` uses the policy engine's notation (subjects[0].documents). */
export interface FieldRow {
  path: string;
  key: string;
  depth: number;
  /** Leaf text; undefined for an object or array heading. */
  text?: string;
}

/** Flattens a JSON value into rows in document order; null and empty values are left out. */
export function flattenFields(value: unknown, path = '', depth = 0, key = ''): FieldRow[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const head: FieldRow[] = path ? [{ path, key, depth }] : [];
    return head.concat(value.flatMap((item, i) => flattenFields(item, `${path}[${i}]`, depth + 1, `${i + 1}`)));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [];
    const head: FieldRow[] = path ? [{ path, key, depth }] : [];
    return head.concat(entries.flatMap(([name, child]) => flattenFields(child, path ? `${path}.${name}` : name, path ? depth + 1 : 0, name)));
  }
  return [{ path, key, depth, text: String(value) }];
}

/** True when `path` is `ancestor` or lies inside it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

/** The removal that covers a field (the field itself or a part of the case it lies in). */
export function removalOf(path: string, removed: readonly RemovedField[]): RemovedField | undefined {
  return removed.find((field) => isWithin(path, field.path));
}

/** Only the first row of a removed part carries the rule label; the rows inside it are just marked. */
export function isRemovalHead(path: string, removal: RemovedField): boolean {
  return path === removal.path;
}

/** A transform keeps the field, changed; any other rule withholds it. */
export function isTransform(removal: RemovedField): boolean {
  return removal.rule.startsWith('transform ') && !removal.rule.startsWith('transform DROP');
}

/** The case fields an officer compares with the preview (not the bookkeeping: id, revision, times). */
export function caseContentOf(value: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, revision: _revision, createdBy: _createdBy, updatedAt: _updatedAt, createdAt: _createdAt, ...content } = value;
  return content;
}
