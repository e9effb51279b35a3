import {
  KEPT_FIELDS,
  TRANSFORMABLE_FIELDS,
  ownCategoryOf,
  type KeptPath,
  type TransformablePath,
} from '../cases/case-content.js';
import { caseModelFields, partFields } from '../cases/case-model-fields.js';
import type { DataCategory } from '../kernel/vocabulary/index.js';
import type { FieldTransform, SharingPolicy } from './sharing-policy.js';

// Redaction walks a case field by field under the model's own classification (cases/case-content.ts):
// a field gated by a category the policy withholds is withheld, a list of parts is shared part by
// part, a transformable field goes through the policy's transform, a kept field is copied. So a new
// case field is shared (or withheld) by the rules of its place in the model, with no code here.

/** A field of the case that does not reach the partner as written; `path` refers to the case itself. */
export interface RemovedField {
  path: string;
  rule: string;
}

/** What a masked field carries instead of its value. */
export const MASKED = '***';

/** Applies one transform to one value; `undefined` means the field is dropped. */
export function applyTransform(transform: FieldTransform, value: string): string | undefined {
  switch (transform) {
    case 'DROP':
      return undefined;
    case 'MASK':
      return MASKED;
    case 'GENERALISE_YEAR':
      // Dates and ISO date-times both start with the year as written.
      return /^\d{4}/.test(value) ? value.slice(0, 4) : MASKED;
    case 'LAST_3': {
      // Code points, not UTF-16 units, so a surrogate pair is never split.
      const chars = [...value];
      return chars.length <= 3 ? MASKED : MASKED + chars.slice(-3).join('');
    }
  }
}

export type CasePart = Readonly<Record<string, unknown>>;
/** Shares one field itself instead of the walk (offence categories, identifiers, requests). */
export type SpecialField = (value: unknown, path: string) => unknown;

const MODEL = caseModelFields();
const PART_LISTS: ReadonlySet<string> = new Set(MODEL.filter((field) => field.parts).map((field) => field.path));
/** Each part's field names in model order, by prefix ('' for the case, 'subjects[].' for a subject). */
const PART_KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  ['', ...PART_LISTS].map((list) => {
    const prefix = list === '' ? '' : `${list}[].`;
    return [prefix, partFields(list, MODEL).map((field) => field.path.slice(prefix.length))];
  }),
);
const KEPT: ReadonlySet<string> = new Set<KeptPath>(KEPT_FIELDS);
const isTransformable = (field: string): field is TransformablePath => Object.hasOwn(TRANSFORMABLE_FIELDS, field);
const isPresent = (value: unknown): boolean => value !== undefined && !(Array.isArray(value) && value.length === 0);

/** Collects what was withheld or transformed while the payload is built. */
export class Redaction {
  readonly removed: RemovedField[] = [];
  private readonly transforms: ReadonlyMap<TransformablePath, FieldTransform>;
  private readonly allowed: ReadonlySet<DataCategory>;

  constructor(policy: SharingPolicy) {
    this.transforms = new Map(policy.transforms.map((t) => [t.path, t.transform]));
    this.allowed = new Set(policy.dataCategories);
  }

  allows(category: DataCategory): boolean {
    return this.allowed.has(category);
  }

  /** Records the withholding of a whole category at `path` if there was anything there. */
  withhold(path: string, category: DataCategory, present: boolean): void {
    if (present) this.remove(path, `data category ${category} not allowed`);
  }

  remove(path: string, rule: string): void {
    this.removed.push({ path, rule });
  }

  /**
   * The part (the case itself with `prefix` '', or a subject with 'subjects[].') as the partner may
   * see it; `special` fields are shared by their own function, in the model's order.
   */
  sharePart(
    part: CasePart,
    prefix: string,
    path: string,
    special: Readonly<Record<string, SpecialField>> = {},
  ): Record<string, unknown> {
    // Model order, not the stored object's (jsonb reorders keys), so removals are always listed alike.
    const keys = PART_KEYS.get(prefix) ?? [];
    const unknown = Object.keys(part).find((key) => !keys.includes(key));
    if (unknown !== undefined) throw new TypeError(`"${prefix}${unknown}" is not a field of the case model`);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = part[key];
      const at = path === '' ? key : `${path}.${key}`;
      const shared = Object.hasOwn(special, key) ? special[key](value, at) : this.shareField(value, prefix + key, at);
      if (shared !== undefined) out[key] = shared;
    }
    return out;
  }

  private shareField(value: unknown, field: string, at: string): unknown {
    const category = ownCategoryOf(field);
    if (category === 'BY_IDENTIFIER_TYPE') throw new TypeError(`"${field}" must be shared by its own function`);
    if (category !== undefined && category !== null && !this.allows(category)) {
      this.withhold(at, category, isPresent(value));
      return undefined;
    }
    if (value === undefined) return undefined;
    if (PART_LISTS.has(field)) {
      if (isTransformable(field) && this.transforms.get(field) === 'DROP') {
        if (isPresent(value)) this.remove(at, `transform DROP on ${field}`);
        return undefined;
      }
      return partsOf(value, field).map((item, i) => this.sharePart(item, `${field}[].`, `${at}[${i}]`));
    }
    if (isTransformable(field)) {
      return Array.isArray(value)
        ? this.texts(textsOf(value, field), field, at)
        : this.text(textOf(value, field), field, at);
    }
    if (KEPT.has(field)) return Array.isArray(value) ? [...(value as unknown[])] : value;
    // Never reached with a case the model parsed: case-content.spec.ts checks every field is classified.
    throw new TypeError(`the case field "${field}" is neither kept nor transformable`);
  }

  text(value: string | undefined, field: TransformablePath, path: string): string | undefined {
    const transform = this.transforms.get(field);
    if (value === undefined || transform === undefined) return value;
    this.remove(path, `transform ${transform} on ${field}`);
    return applyTransform(transform, value);
  }

  private texts(values: readonly string[], field: TransformablePath, path: string): string[] | undefined {
    const transform = this.transforms.get(field);
    if (transform === undefined) return [...values];
    if (values.length === 0) return transform === 'DROP' ? undefined : [];
    this.remove(path, `transform ${transform} on ${field}`);
    return transform === 'DROP' ? undefined : values.map((v) => applyTransform(transform, v) ?? MASKED);
  }
}

function partsOf(value: unknown, field: string): CasePart[] {
  if (Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null)) return value;
  throw new TypeError(`"${field}" is not a list of case parts`);
}

function textOf(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`"${field}" is transformable but not text`);
}

function textsOf(value: unknown[], field: string): string[] {
  return value.map((item) => textOf(item, field));
}
