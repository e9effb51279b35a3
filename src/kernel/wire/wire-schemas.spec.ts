import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_CATEGORIES } from '../vocabulary/data-category.js';
import { HANDLING_CODES } from '../vocabulary/handling-code.js';
import { IDENTIFIER_TYPES } from '../vocabulary/identifier-type.js';
import { OFFENCE_CATEGORIES } from '../vocabulary/offence-category.js';
import { TLP_LEVELS } from '../vocabulary/tlp.js';
import {
  IDENTITY_DOCUMENT_TYPES,
  INFORMATION_ACCURACY,
  REQUEST_KINDS,
  SOURCE_RELIABILITY,
} from '../../cases/case-content.js';
import { PURPOSES } from '../../policy/sharing-policy.js';
import { SEVERITIES } from '../../watchlist/watchlist-entry.js';
import { describeIssue, SCHEMA_DIR, wireSchemaNames, wireValidator } from './wire-schemas.js';
import { schemaEnum } from './wire-shape.test-helpers.js';

describe('wire schemas (docs/schemas)', () => {
  it('every schema compiles in strict mode, and the README indexes every file', () => {
    const readme = readFileSync(join(SCHEMA_DIR, 'README.md'), 'utf8');
    for (const name of wireSchemaNames()) {
      expect(() => wireValidator(name)).not.toThrow();
      expect(readme).toContain(`[\`${name}.json\`](${name}.json)`);
    }
    expect(wireSchemaNames().length).toBeGreaterThanOrEqual(15);
    void DATA_CATEGORIES;
  });

  it('their vocabularies are the node’s own', () => {
    expect(schemaEnum('common#/$defs/offenceCategory')).toEqual([...OFFENCE_CATEGORIES]);
    expect(schemaEnum('common#/$defs/tlp')).toEqual([...TLP_LEVELS]);
    expect(schemaEnum('common#/$defs/handlingCode')).toEqual([...HANDLING_CODES]);
    expect(schemaEnum('common#/$defs/identifierType')).toEqual([...IDENTIFIER_TYPES]);
    expect(schemaEnum('common#/$defs/purpose')).toEqual([...PURPOSES]);
    expect(schemaEnum('case-body#/properties/sourceReliability')).toEqual([...SOURCE_RELIABILITY]);
    expect(schemaEnum('case-body#/properties/informationAccuracy')).toEqual([...INFORMATION_ACCURACY]);
    expect(schemaEnum('case-body#/$defs/document/properties/type')).toEqual([...IDENTITY_DOCUMENT_TYPES]);
    expect(schemaEnum('case-body#/$defs/request/properties/kind')).toEqual([...REQUEST_KINDS]);
    expect(schemaEnum('watchlist-entry#/properties/severity')).toEqual([...SEVERITIES]);
  });

  it('instants are exactly what toISOString prints, a real calendar instant', () => {
    const instant = wireValidator<string>('common#/$defs/instant');
    expect(instant.problem('2026-01-31T00:00:00.000Z')).toBeUndefined();
    for (const bad of [
      '2026-02-30T00:00:00.000Z',
      '2026-01-31T23:59:60.000Z',
      '2026-01-31T00:00:00Z',
      '2026-01-31 00:00:00.000Z',
    ])
      expect(instant.problem(bad)).toBeDefined();
  });

  it('text has no surrounding white space, NUL or lone surrogate; a surrogate pair is text', () => {
    const text = wireValidator<string>('common#/$defs/text');
    for (const good of ['a', 'two words', 'line\nbreak inside', '한국 경찰청', '\ud83d\ude00'])
      expect(text.problem(good)).toBeUndefined();
    for (const bad of ['', ' a', 'a ', '\n', 'a\u0000b', 'a\ud800b', '\udc00', '\u00a0a'])
      expect(text.problem(bad)).toBeDefined();
  });

  it('names what is wrong by its place in the body', () => {
    const receipt = wireValidator('receipt');
    expect(receipt.problem({ receipt: {}, signature: 'x', receiverCertificate: 'y' })).toBe(
      'receipt.contentHash: is missing',
    );
    expect(receipt.problem({ receipt: {}, signature: 'x', receiverCertificate: 'y', extra: 1 })).toBe(
      'extra: is not a member of this body',
    );
    expect(describeIssue({ path: ['items', 3, 'entry', 'value'], message: 'm' })).toBe('items[3].entry.value: m');
  });
});
