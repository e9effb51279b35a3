import { randomUUID } from 'node:crypto';
import { inputExceptionFromZod } from '../common/errors/zod-input.js';
import { InputException } from '../common/errors/input.exception.js';
import { zodInputFromGraphql } from '../common/graphql/zod-graphql-types.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { caseContentSchema, type CaseAttachment, type CaseContent } from './case-content.js';
import type { CaseInput } from './dto/case-content.types.js';

const NEW_LIST_ITEM_ID = { field: 'id', newId: () => randomUUID().slice(0, 8) };

/**
 * Validates an analyst's input into case content: the structure (zod, naming the field at fault),
 * then every identifier's format, which is normalised so that the same wallet always matches. GraphQL's
 * nulls mean "not given", and list items without an id get one.
 */
export function caseContentFromInput(input: CaseInput, attachments: CaseAttachment[]): CaseContent {
  const parsed = caseContentSchema.safeParse(
    zodInputFromGraphql(caseContentSchema, { ...input, attachments }, NEW_LIST_ITEM_ID),
  );
  if (!parsed.success) throw inputExceptionFromZod(parsed.error, 'input');
  const content = parsed.data as CaseContent;
  content.identifiers = content.identifiers.map((identifier, index) => {
    const result = validateIdentifier(identifier.type, identifier.value);
    if (!result.valid)
      throw new InputException(`input.identifiers.${index}.value`, `not a valid ${identifier.type}: ${result.reason}`);
    return { ...identifier, value: result.normalized };
  });
  return content;
}
