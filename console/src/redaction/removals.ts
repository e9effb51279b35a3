import type { RemovedField } from '../api/types';

// Which part of a case a policy removal covers. Paths use the policy engine's notation
// (subjects[0].documents), as the node reports them in ShareRequest.removed.

/** True when `path` is `ancestor` or lies inside it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

/** The removal that covers a field (the field itself or a part of the case it lies in). */
export function removalOf(path: string, removed: readonly RemovedField[]): RemovedField | undefined {
  return removed.find((field) => isWithin(path, field.path));
}

/** Only the first part of a removed region carries the rule label; the parts inside it are just marked. */
export function isRemovalHead(path: string, removal: RemovedField): boolean {
  return path === removal.path;
}

/** A transform keeps the field, changed; any other rule withholds it. */
export function isTransform(removal: RemovedField): boolean {
  if (removal.ruleText) return removal.ruleText.code === 'TRANSFORM' && removal.ruleText.params.transform !== 'DROP';
  return removal.rule.startsWith('transform ') && !removal.rule.startsWith('transform DROP');
}
