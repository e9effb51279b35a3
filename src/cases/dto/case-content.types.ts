import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { caseContentSchema, type CaseContent } from '../case-content.js';
import type { IntelCase } from '../entities/intel-case.entity.js';
import { IdentityDocumentTypeEnum, RequestKindEnum, SourceReliabilityEnum } from './case-enums.js';
import {
  HandlingCodeEnum,
  IdentifierTypeEnum,
  OffenceCategoryEnum,
  TlpEnum,
} from '../../common/graphql/vocabulary.enums.js';
import { ZodGraphqlTypes } from '../../common/graphql/zod-graphql-types.js';

/*
 * The GraphQL shapes of a case are generated from the case model (the zod schema in case-content.ts):
 * a field added there is a field of CaseInput and Case, typed and described as the model says, with
 * nothing to edit here. A new enum or nested object needs its GraphQL names below (the build stops the
 * node, naming the field, until it has them).
 *
 * One class serves as both the GraphQL input and output shape of each part of a case, as before the
 * classes were generated: its fields are nullable wherever the input may leave them out. Ids are
 * optional on input (the node assigns them) and always present on output.
 */
const caseTypes = new ZodGraphqlTypes({
  enums: [
    OffenceCategoryEnum,
    TlpEnum,
    HandlingCodeEnum,
    IdentifierTypeEnum,
    IdentityDocumentTypeEnum,
    RequestKindEnum,
    SourceReliabilityEnum,
  ],
  objects: {
    subjects: { object: 'Person', input: 'PersonInput' },
    'subjects.documents': { object: 'IdentityDocument', input: 'IdentityDocumentInput' },
    identifiers: { object: 'CaseIdentifier', input: 'CaseIdentifierInput' },
    transactions: { object: 'CaseTransaction', input: 'CaseTransactionInput' },
    requests: {
      object: 'CaseRequest',
      input: 'CaseRequestInput',
      description: 'A freeze request or request for information carried by the case.',
    },
    attachments: { object: 'CaseAttachment' },
  },
  listItemId: 'id',
});

/** What an analyst writes; attachments are added through the upload endpoint. */
@InputType('CaseInput')
export class CaseInput extends caseTypes.inputFields('CaseInput', caseContentSchema, {
  omit: ['attachments'],
  descriptions: { informationAccuracy: 'Information accuracy grade 1-4.' },
}) {}

@ObjectType('Case', { description: 'A case of this agency, as analysts edit it (never what a partner receives).' })
export class CaseObject extends caseTypes.objectFields('Case', caseContentSchema) {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Increases on every change.' })
  revision!: number;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static of(row: IntelCase): CaseObject {
    const content: CaseContent = row.content;
    return Object.assign(new CaseObject(), content, {
      id: row.id,
      revision: row.revision,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }
}
