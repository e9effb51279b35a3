import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUDIT_NAME_PARTS, auditNamesQuery } from './audit-operations';
import type { Role } from './types';

const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
const readers: Role[][] = [['AUDITOR'], ['AUDITOR', 'LIAISON_OFFICER'], ['AUDITOR', 'ANALYST', 'ADMIN'], ['ADMIN']];

describe('the audit trail’s naming query', () => {
  it.each(readers)('is valid against schema.graphql for a reader with %s', (...roles: Role[]) => {
    const query = auditNamesQuery((...wanted) => wanted.some((role) => roles.includes(role)));
    expect(query).toBeDefined();
    expect(validate(schema, parse(query!)).map((e) => e.message)).toEqual([]);
  });

  it('asks only for the lists the reader may read', () => {
    const auditor = auditNamesQuery((...wanted) => wanted.includes('AUDITOR'))!;
    expect(auditor).toContain('sentShares');
    expect(auditor).not.toMatch(/shareRequests|cases|inboundPackets|users/);
    expect(auditNamesQuery(() => false)).toBeUndefined();
    expect(AUDIT_NAME_PARTS.map((part) => part.key)).toEqual(['sent', 'shares', 'cases', 'inbound', 'accounts']);
  });
});
