// English wording of the node's coded sentences. ptext.* must read exactly as the node's own English
// (i18n.test.ts compares them with src/policy/policy-text.ts); idreason.* words the codes of identifier
// refusals. Errors are in errors.ts and input.ts.
export const server = {
  'ptext.TLP_ABOVE_CEILING': "case is TLP:{tlp}, above this partner's ceiling TLP:{ceiling}",
  'ptext.OFFENCE_CATEGORIES_NOT_ALLOWED':
    "none of the case's offence categories ({categories}) may be shared with this partner (allowed: {allowed})",
  'ptext.PURPOSE_NOT_ALLOWED': 'purpose {purpose} is not allowed for this partner (allowed: {allowed})',
  'ptext.INTELLIGENCE_ONLY_NOT_FOR_PROSECUTION':
    'case is marked INTELLIGENCE_ONLY, which rules out sharing it for PROSECUTION',
  'ptext.NO_OUTBOUND_POLICY': 'there is no outbound policy for {partner}: nothing may be shared with it',
  'ptext.NO_OUTBOUND_POLICY_FOR_REPLY': 'there is no outbound policy for {partner}',
  'ptext.TLP_WITHIN_CEILING': "case is TLP:{tlp}, within this partner's ceiling TLP:{ceiling}",
  'ptext.PURPOSE_ALLOWED': 'purpose {purpose} is allowed for this partner',
  'ptext.OFFENCE_CATEGORIES_SHARED_SOME_WITHHELD': 'offence categories shared: {shared}; withheld: {withheld}',
  'ptext.OFFENCE_CATEGORIES_SHARED': 'offence categories shared: {shared}',
  'ptext.ONWARD_SHARING_TO': 'the partner may relay it to {nodes} only',
  'ptext.ONWARD_SHARING_FORBIDDEN_BY_CASE':
    'case is marked NO_ONWARD_SHARING_WITHOUT_PERMISSION: the partner may not relay it, although its policy would allow relaying',
  'ptext.ONWARD_SHARING_NOT_ALLOWED': 'the partner may not share it onward',
  'ptext.RETENTION': 'the partner must delete it after {days} days',
  'ptext.FIELDS_WITHHELD': '{count} field(s) withheld or transformed under policy version {version}',
  'ptext.REPLY_TO_PACKET': "reply to {partner}'s packet {packetId}",
  'ptext.DATA_CATEGORY_NOT_ALLOWED': 'data category {category} not allowed',
  'ptext.TRANSFORM': 'transform {transform} on {field}',
  'ptext.OFFENCE_CATEGORY_NOT_ALLOWED': 'offence category {category} not allowed for this partner',
  'ptext.REQUEST_TARGET_WITHHELD': 'its target identifier "{identifier}" is withheld',
  'idreason.EMPTY': 'empty: {detail}',
  'idreason.TOO_LONG': 'too long: {detail}',
  'idreason.WRONG_LENGTH': 'wrong length: {detail}',
  'idreason.BAD_CHECKSUM': 'bad checksum: {detail}',
  'idreason.UNKNOWN_PREFIX': 'unknown prefix: {detail}',
  'idreason.MIXED_CASE': 'mixed case: {detail}',
  'idreason.INVALID_CHARACTER': 'invalid character: {detail}',
  'idreason.INVALID_FORMAT': 'invalid format: {detail}',
  'idreason.INVALID_PADDING': 'invalid padding: {detail}',
  'idreason.INVALID_WITNESS_VERSION': 'invalid witness version: {detail}',
  'idreason.LEADING_ZEROS': 'leading zeros: {detail}',
  'idreason.OUT_OF_RANGE': 'out of range: {detail}',
  'idreason.NOT_E164': 'not a valid E.164 number: {detail}',
  'idreason.UNSUPPORTED_TYPE': 'unsupported type: {detail}',
} as const;
