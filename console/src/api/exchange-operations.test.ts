import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLEnumType, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from './exchange-operations';

const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
const documents = Object.entries(operations).filter(
  ([, value]) => typeof value === 'string' && /^(query|mutation|subscription) /.test(value),
) as [string, string][];
const values = (name: string) =>
  (schema.getType(name) as GraphQLEnumType)
    .getValues()
    .map((v) => v.name)
    .sort();

describe('exchange operations against schema.graphql', () => {
  it.each(documents)('%s is valid', (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });

  it('offers exactly the actions, urgencies, instruments and answers the node knows', () => {
    expect([...operations.FREEZE_ACTIONS].sort()).toEqual(values('FreezeAction'));
    expect([...operations.URGENCY_CLASSES].sort()).toEqual(values('UrgencyClass'));
    expect([...operations.LEGAL_INSTRUMENT_TYPES].sort()).toEqual(values('LegalInstrumentType'));
    expect([...operations.ANSWER_STATUSES].sort()).toEqual(values('FreezeAnswerStatus'));
  });
});
