import { z } from 'zod';
import { caseContentSchema } from './case-content.js';

// The case model's fields read off its zod schema, so the code that walks a case (the policy's
// redaction) and the specs that tie the model to the wire schema never keep a list of their own.

/** One field of the case model, on a generic path (`subjects[].documents[].number`). */
export interface CaseModelField {
  path: string;
  /** May be absent from a stored case (optional in the model's output; a default makes it present). */
  optional: boolean;
  /** A list of case parts (objects with fields of their own), such as `subjects` or `subjects[].documents`. */
  parts: boolean;
}

/** Every field of `schema` (the case model unless given), parents before their children, in model order. */
export function caseModelFields(schema: z.ZodObject = caseContentSchema): CaseModelField[] {
  return fieldsOf(schema, '');
}

function fieldsOf(object: z.ZodObject, prefix: string): CaseModelField[] {
  return Object.entries(object.shape).flatMap(([key, field]) => {
    const path = `${prefix}${key}`;
    const optional = field instanceof z.ZodOptional;
    const inner = field instanceof z.ZodOptional || field instanceof z.ZodDefault ? field.unwrap() : field;
    if (inner instanceof z.ZodArray && inner.element instanceof z.ZodObject) {
      return [{ path, optional, parts: true }, ...fieldsOf(inner.element, `${path}[].`)];
    }
    if (inner instanceof z.ZodObject) throw new TypeError(`"${path}": a case part must sit in a list`);
    return [{ path, optional, parts: false }];
  });
}

/** The fields of the part at `listPath` (`subjects[].documents`), or of the case itself for `''`. */
export function partFields(listPath: string, fields = caseModelFields()): CaseModelField[] {
  const prefix = listPath === '' ? '' : `${listPath}[].`;
  return fields.filter((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('.'));
}
