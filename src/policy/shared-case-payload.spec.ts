import { KEPT_FIELDS } from '../cases/case-content.js';
import { caseModelFields, partFields } from '../cases/case-model-fields.js';
import { schemaAt, schemaShape, shapeOf, type Shape } from '../kernel/wire/wire-shape.test-helpers.js';
import { sharedCasePayloadSchema, type SharingTerms } from './shared-case-payload.js';
import type { OnwardSharing } from './sharing-policy.js';

// The case body a node seals is the case model redacted (shared-case-payload.ts): its members are the
// model's fields, required when the model keeps them and always has them, optional otherwise. This
// spec derives that shape from the model and compares it with docs/schemas/case-body.json, so a case
// field added to the model without its place in the published schema fails here, and the reverse.

const kept = new Set<string>(KEPT_FIELDS);
const fields = caseModelFields();

/** The shape the model gives the part at `listPath` ('' for the case itself) on the wire. */
function modelShape(listPath: string, extraRequired: string[] = []): Shape {
  const members = partFields(listPath, fields);
  const name = (path: string) => path.slice(path.lastIndexOf('.') + 1);
  const isRequired = (f: (typeof members)[number]) => kept.has(f.path) && !f.optional && !f.parts;
  return {
    required: [...members.filter(isRequired).map((f) => name(f.path)), ...extraRequired].sort(),
    optional: members
      .filter((f) => !isRequired(f))
      .map((f) => name(f.path))
      .sort(),
  };
}

/** Where case-body.json declares the items of the list at `listPath`, found the way a reader would. */
function schemaRefOf(listPath: string): string {
  let ref = 'case-body';
  for (const key of listPath.split('[].')) {
    const items = schemaAt(ref).properties?.[key]?.items?.$ref;
    if (items === undefined) throw new Error(`case-body.json has no list of parts at "${listPath}"`);
    ref = items.startsWith('#') ? `case-body${items}` : items;
  }
  return ref;
}

describe('the case body is the case model, as its published schema says', () => {
  it('has the members of the case: its kept fields required, the others optional, with policyVersion and terms', () => {
    expect(schemaShape('case-body')).toEqual(modelShape('', ['policyVersion', 'terms']));
  });

  const lists = fields.filter((f) => f.parts).map((f) => f.path);
  it.each(lists)('has the members of each part of %s', (listPath) => {
    expect(schemaShape(schemaRefOf(listPath))).toEqual(modelShape(listPath));
  });

  it('covers every list of parts of the model', () => {
    expect(lists).toEqual([
      'subjects',
      'subjects[].documents',
      'identifiers',
      'transactions',
      'attachments',
      'requests',
    ]);
  });

  it.each([
    ['case-body#/$defs/terms', shapeOf<SharingTerms>()(['purpose', 'retentionDays', 'onwardSharing'], [])],
    ['case-body#/$defs/terms/properties/onwardSharing', shapeOf<OnwardSharing>()(['allowed', 'to'], [])],
  ])('%s', (ref, shape) => {
    expect(schemaShape(ref)).toEqual(shape);
  });

  it('refuses a body with a member the schema does not know, naming it', () => {
    expect(sharedCasePayloadSchema.problem({ reference: 'x' })).toMatch(/is missing$/);
  });
});
