import { schemaShape, shapeOf } from '../kernel/wire/wire-shape.test-helpers.js';
import type {
  SharedAttachment,
  SharedCasePayload,
  SharedIdentifier,
  SharedIdentityDocument,
  SharedPerson,
  SharedRequest,
  SharingTerms,
} from './shared-case-payload.js';
import { sharedCasePayloadSchema } from './shared-case-payload.js';
import type { OnwardSharing } from './sharing-policy.js';

// The types the node builds a case body with are the members of docs/schemas/case-body.json: the
// compiler checks each list against its type, this spec checks it against the schema.
describe('the case body type is its published schema', () => {
  it.each([
    [
      'case-body',
      shapeOf<SharedCasePayload>()(
        [
          'reference',
          'title',
          'offenceCategories',
          'tlp',
          'handlingCodes',
          'sourceReliability',
          'informationAccuracy',
          'policyVersion',
          'terms',
        ],
        ['summary', 'subjects', 'identifiers', 'transactions', 'attachments', 'requests'],
      ),
    ],
    [
      'case-body#/$defs/person',
      shapeOf<SharedPerson>()(['id'], ['names', 'aliases', 'dateOfBirth', 'nationality', 'documents']),
    ],
    ['case-body#/$defs/document', shapeOf<SharedIdentityDocument>()(['type'], ['number', 'issuingCountry'])],
    ['case-body#/$defs/identifier', shapeOf<SharedIdentifier>()(['id', 'type'], ['value'])],
    [
      'case-body#/$defs/transaction',
      shapeOf<import('./shared-case-payload.js').SharedTransaction>()(
        ['id', 'chain', 'asset'],
        ['txHash', 'from', 'to', 'amount', 'time'],
      ),
    ],
    ['case-body#/$defs/attachment', shapeOf<SharedAttachment>()(['id', 'mediaType', 'sha256', 'bytes'], ['name'])],
    ['case-body#/$defs/request', shapeOf<SharedRequest>()(['id', 'kind'], ['targetIdentifierId', 'text'])],
    ['case-body#/$defs/terms', shapeOf<SharingTerms>()(['purpose', 'retentionDays', 'onwardSharing'], [])],
    ['case-body#/$defs/terms/properties/onwardSharing', shapeOf<OnwardSharing>()(['allowed', 'to'], [])],
  ])('%s', (ref, shape) => {
    expect(schemaShape(ref)).toEqual(shape);
  });

  it('refuses a body with a member the schema does not know, naming it', () => {
    expect(sharedCasePayloadSchema.problem({ reference: 'x' })).toMatch(/is missing$/);
  });
});
